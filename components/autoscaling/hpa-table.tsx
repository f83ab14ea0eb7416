import Link from 'next/link';

import { HpaStatusBadge } from '@/components/autoscaling/hpa-status-badge';
import type { HpaSummary } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import { routes } from '@/lib/routes';
import { Timestamp } from '@/components/ui/timestamp';

// The HPA list: what each autoscaler targets, how its metrics compare with their targets, and where
// it stands between its bounds.

export function HpaTable({ cluster, items }: { cluster: string; items: HpaSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm">
      <table className="min-w-full text-left text-sm" data-testid="hpa-table">
        <thead className="border-b border-slate-200 dark:border-slate-800 bg-slate-50 dark:bg-slate-800/40 text-xs font-medium text-slate-500 dark:text-slate-400 uppercase">
          <tr>
            <th className="px-3 py-2">Name</th>
            <th className="px-3 py-2">Namespace</th>
            <th className="px-3 py-2">Target</th>
            <th className="px-3 py-2">Status</th>
            <th className="px-3 py-2">Metrics (current / target)</th>
            <th className="px-3 py-2">Min–Max</th>
            <th className="px-3 py-2">Replicas</th>
            <th className="px-3 py-2">Last scaled</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {items.map((h) => (
            <tr key={h.uid} data-testid="hpa-row">
              <td className="px-3 py-2 font-medium">
                <Link
                  className="text-sky-700 dark:text-sky-400 hover:underline"
                  href={routes.object(cluster, 'horizontalpodautoscalers', h.namespace, h.name)}
                  prefetch={false}
                >
                  {h.name}
                </Link>
              </td>
              <td className="px-3 py-2 text-slate-600 dark:text-slate-400">{h.namespace}</td>
              <td className="px-3 py-2 font-mono text-xs text-slate-700 dark:text-slate-300">
                {h.target.kind}/{h.target.name}
              </td>
              <td className="px-3 py-2">
                <HpaStatusBadge status={h.status} message={h.statusMessage} />
              </td>
              <td className="px-3 py-2 text-xs text-slate-700 dark:text-slate-300">
                {h.metrics.map((m) => (
                  <div key={`${m.type}/${m.name}`}>
                    {m.name}: <span className="font-semibold">{m.current}</span> / {m.target}
                  </div>
                ))}
              </td>
              <td className="px-3 py-2 tabular-nums">
                {h.minReplicas}–{h.maxReplicas}
              </td>
              <td className="px-3 py-2 tabular-nums">
                {h.currentReplicas}
                {h.desiredReplicas !== h.currentReplicas ? ` → ${h.desiredReplicas}` : ''}
              </td>
              <td className="px-3 py-2 text-xs text-slate-500 dark:text-slate-400">
                {h.lastScaleTime ? <Timestamp iso={h.lastScaleTime} /> : 'never'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
