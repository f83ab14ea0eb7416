'use client';

import Link from 'next/link';

import type { KindPanelProps } from '@/components/kinds/types';
import { Section } from '@/components/resource/section';
import { useResourceList } from '@/components/resource/use-resource-list';
import type { PodDisruptionBudgetSummary } from '@/lib/k8s/kinds/poddisruptionbudgets';
import { workloadsOfPods } from '@/lib/k8s/pdb';
import { routes } from '@/lib/routes';

// The workloads a budget covers: the pods its selector matches (read as the person), resolved to
// their controllers (a ReplicaSet to its Deployment). A drain of these workloads' nodes waits on it.

export function PodDisruptionBudgetPanel({ cluster, namespace, summary }: KindPanelProps) {
  const s = summary as PodDisruptionBudgetSummary;
  const ns = namespace ? [namespace] : [];
  const pods = useResourceList(
    cluster,
    'pods',
    { namespaces: ns, labelSelector: s.selector ?? undefined, limit: 500 },
    { enabled: s.selector !== null },
  );
  const replicaSets = useResourceList(cluster, 'replicasets', { namespaces: ns, limit: 500 });
  const workloads = s.selector === null ? [] : workloadsOfPods(pods.data?.items ?? [], replicaSets.data?.items ?? []);
  return (
    <Section title="Workloads it covers" testId="pdb-workloads">
      {pods.error ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{pods.error.message}</p>
      ) : pods.isLoading && s.selector !== null ? (
        <p className="text-sm text-slate-400 dark:text-slate-500">Loading…</p>
      ) : workloads.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No pods match its selector: this budget protects nothing now.
        </p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {workloads.map((w) => (
            <li key={`${w.kindName}/${w.name}`} className="flex items-baseline gap-2">
              <span className="w-24 shrink-0 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                {w.kindName}
              </span>
              <Link
                href={routes.object(cluster, w.kind, w.namespace, w.name)}
                prefetch={false}
                className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
              >
                {w.name}
              </Link>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                {w.pods} pod{w.pods === 1 ? '' : 's'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
