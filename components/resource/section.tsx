import type { ReactNode } from 'react';

export function Section({
  title,
  children,
  testId,
  meta,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  meta?: ReactNode;
}) {
  return (
    <section
      className="rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm"
      data-testid={testId}
    >
      <header className="flex items-center justify-between border-b border-slate-200 dark:border-slate-800 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
        {meta ? <span className="text-xs text-slate-500 dark:text-slate-400">{meta}</span> : null}
      </header>
      <div className="px-4 py-3">{children}</div>
    </section>
  );
}
