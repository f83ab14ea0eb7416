import { revealHidden } from '@/lib/format/visible-text';
import { VisibleText } from '@/components/ui/visible-text';

// Labels, annotations, selectors: keys and values as text chips (never HTML), with invisible and
// bidirectional characters shown as markers (an annotation cannot read as something it is not).

export function KeyValues({ values, empty = 'none' }: { values: Record<string, string> | undefined; empty?: string }) {
  const entries = Object.entries(values ?? {});
  if (!entries.length) return <span className="text-sm text-slate-400 dark:text-slate-500">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {entries.map(([k, v]) => (
        <li
          key={k}
          className="max-w-full truncate rounded bg-slate-100 dark:bg-slate-800 px-2 py-0.5 font-mono text-xs text-slate-700 dark:text-slate-300"
          title={revealHidden(`${k}=${v}`)}
        >
          <VisibleText text={`${k}=${v}`} />
        </li>
      ))}
    </ul>
  );
}

export function selectorText(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
