'use client';

import { useQuery } from '@tanstack/react-query';

import { VisibleText } from '@/components/ui/visible-text';
import type { Verdict } from '@/lib/k8s/rollout/completeness';
import { rollbackCheckOptions } from '@/lib/query/actions';

// In the rollback dialog (issue 15, item 1): what rolling back would not restore — every ConfigMap
// and Secret the target revision reads and whether it changed since, and the images that differ.
// Read on the server as the person, metadata only.

const TONE: Record<Verdict, string> = {
  unchanged: 'text-emerald-700 dark:text-emerald-300',
  changed: 'text-amber-800 dark:text-amber-200',
  recreated: 'text-amber-800 dark:text-amber-200',
  missing: 'text-red-700 dark:text-red-300',
  forbidden: 'text-slate-600 dark:text-slate-400',
  unknown: 'text-slate-600 dark:text-slate-400',
};

export function RollbackCompleteness({
  cluster,
  kind,
  namespace,
  name,
  toRevision,
}: {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  toRevision: number;
}) {
  const check = useQuery(rollbackCheckOptions(cluster, kind, namespace, name, toRevision));
  if (check.isLoading)
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Checking the configuration revision {toRevision} reads…
      </p>
    );
  if (check.error)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="rollback-completeness">
        Could not check the configuration this revision reads: {check.error.message}
      </p>
    );
  const c = check.data;
  if (!c) return null;
  return (
    <section
      className="flex flex-col gap-2 text-sm"
      data-testid="rollback-completeness"
      aria-label="What a rollback keeps"
    >
      <p className={c.blocking ? 'font-medium text-red-700 dark:text-red-300' : 'text-slate-700 dark:text-slate-300'}>
        {c.summary}
      </p>
      {c.items.length ? (
        <ul className="flex flex-col gap-1">
          {c.items.map((i) => (
            <li key={`${i.kind}/${i.name}`} data-verdict={i.verdict} data-name={i.name} className={TONE[i.verdict]}>
              <VisibleText text={i.sentence} />
            </li>
          ))}
        </ul>
      ) : null}
      {c.images.length ? (
        <div data-testid="rollback-images">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Images</p>
          <ul className="font-mono text-xs text-slate-700 dark:text-slate-300">
            {c.images.map((i) => (
              <li key={i.container}>
                {i.container}: <VisibleText text={i.now || '(none)'} /> → <VisibleText text={i.target || '(none)'} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
