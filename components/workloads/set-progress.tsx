'use client';

import type { DaemonSetSummary } from '@/lib/k8s/kinds/daemonsets';
import type { StatefulSetSummary } from '@/lib/k8s/kinds/statefulsets';
import { toneOf } from '@/lib/k8s/kinds/workload-fields';
import { Counts } from '@/components/workloads/rollout-progress';
import { StatusBadge } from '@/components/ui/status-badge';

export function StatefulSetRollout({ s }: { s: StatefulSetSummary }) {
  return (
    <div className="flex flex-col gap-3" data-testid="rollout-progress">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge tone={toneOf(s.status)}>{s.status}</StatusBadge>
        <span className="text-sm text-slate-600 dark:text-slate-400">{s.statusMessage}</span>
      </div>
      <Counts
        items={[
          { label: 'Desired', value: s.desired },
          { label: 'Updated', value: s.upToDate, of: s.desired },
          { label: 'Ready', value: s.readyReplicas, of: s.desired },
          { label: 'Current', value: s.current, of: s.desired },
        ]}
      />
      <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Partition</dt>
          <dd className="font-mono">{s.partition ?? 0}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Current revision</dt>
          <dd className="truncate font-mono">{s.currentRevision ?? '—'}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Update revision</dt>
          <dd className="truncate font-mono">{s.updateRevision ?? '—'}</dd>
        </div>
      </dl>
    </div>
  );
}

export function DaemonSetRollout({ s }: { s: DaemonSetSummary }) {
  return (
    <div className="flex flex-col gap-3" data-testid="rollout-progress">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge tone={toneOf(s.status)}>{s.status}</StatusBadge>
        <span className="text-sm text-slate-600 dark:text-slate-400">{s.statusMessage}</span>
      </div>
      <Counts
        items={[
          { label: 'Nodes', value: s.desired },
          { label: 'Updated', value: s.upToDate, of: s.desired },
          { label: 'Ready', value: s.readyCount, of: s.desired },
          { label: 'Available', value: s.available, of: s.desired },
        ]}
      />
      {s.misscheduled ? (
        <p className="text-sm text-amber-700 dark:text-amber-300">
          {s.misscheduled} pods run on nodes they should not.
        </p>
      ) : null}
    </div>
  );
}
