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
    <section className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={testId}>
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        {meta ? <span className="text-xs text-slate-500">{meta}</span> : null}
      </header>
      {children}
    </section>
  );
}
