import type { ReactNode } from 'react';

interface CardProps {
  title: string;
  /** Short text after the title, e.g. a count. */
  meta?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function Card({ title, meta, children, testId }: CardProps) {
  return (
    <section
      className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm"
      data-testid={testId}
    >
      <header className="flex items-center justify-between border-b border-slate-200 dark:border-slate-800 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
        {meta ? <span className="text-xs text-slate-500 dark:text-slate-400">{meta}</span> : null}
      </header>
      {children}
    </section>
  );
}
