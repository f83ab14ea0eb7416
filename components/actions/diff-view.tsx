// A unified diff, line by line, as text (never HTML): removed red, added green, hunks grey.

function tone(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'text-slate-500 dark:text-slate-400';
  if (line.startsWith('@@')) return 'bg-slate-100 dark:bg-slate-800 text-slate-500 dark:text-slate-400';
  if (line.startsWith('+')) return 'bg-emerald-50 dark:bg-emerald-950/40 text-emerald-800 dark:text-emerald-200';
  if (line.startsWith('-')) return 'bg-red-50 dark:bg-red-950/40 text-red-800 dark:text-red-200';
  return 'text-slate-700 dark:text-slate-300';
}

export function DiffView({ diff }: { diff: string }) {
  // The first line of createTwoFilesPatch is an "=====" separator; nobody needs it.
  const lines = diff.split('\n').filter((l, i) => !(i === 0 && /^=+$/.test(l)));
  if (!diff) return <p className="text-sm text-slate-600 dark:text-slate-400">The pod templates are identical.</p>;
  return (
    <pre
      data-testid="revision-diff"
      aria-label="Pod template diff"
      className="max-h-80 overflow-auto rounded border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 py-1 font-mono text-xs leading-5"
    >
      {lines.map((line, i) => (
        <div key={i} className={`px-2 whitespace-pre ${tone(line)}`}>
          {line || ' '}
        </div>
      ))}
    </pre>
  );
}
