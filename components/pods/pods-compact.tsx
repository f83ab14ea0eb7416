'use client';

import Link from 'next/link';

import { formatAge } from '@/lib/format/age';
import { podTone, type PodSummary } from '@/lib/k8s/kinds/pods';
import { useNow } from '@/components/resource/use-now';
import { StatusBadge } from '@/components/ui/status-badge';
import { routes } from '@/lib/routes';

/** A workload's pods: status and restarts, newest problems visible at a glance. */
export function PodsCompact({ cluster, pods }: { cluster: string; pods: PodSummary[] }) {
  const now = useNow(pods.map((p) => p.createdAt));
  if (!pods.length) return <p className="text-sm text-slate-400 dark:text-slate-500">No pods.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="workload-pods">
      <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-3">Name</th>
          <th className="py-1 pr-3">Ready</th>
          <th className="py-1 pr-3">Status</th>
          <th className="py-1 pr-3">Restarts</th>
          <th className="py-1 pr-3">Node</th>
          <th className="py-1">Age</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {pods.map((p) => (
          <tr key={p.uid}>
            <td className="py-1.5 pr-3 font-mono text-xs">
              <Link
                href={routes.object(cluster, 'pods', p.namespace, p.name)}
                prefetch={false}
                className="text-sky-700 dark:text-sky-400 hover:underline"
              >
                {p.name}
              </Link>
            </td>
            <td className="py-1.5 pr-3 tabular-nums">{p.readyText}</td>
            <td className="py-1.5 pr-3">
              <StatusBadge tone={podTone(p)}>{p.status}</StatusBadge>
            </td>
            <td
              className={`py-1.5 pr-3 tabular-nums ${p.restarts > 0 ? 'font-medium text-amber-700 dark:text-amber-300' : ''}`}
            >
              {p.restarts}
            </td>
            <td className="py-1.5 pr-3 text-slate-600 dark:text-slate-400">{p.node ?? ''}</td>
            <td className="py-1.5 tabular-nums text-slate-600 dark:text-slate-400">{formatAge(p.createdAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
