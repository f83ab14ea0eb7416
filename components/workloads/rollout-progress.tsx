'use client';

import type { DeploymentListItem } from '@/lib/k8s/kinds/deployments';
import type { ReplicaSetSummary } from '@/lib/k8s/kinds/replicasets';
import { rolloutBudget } from '@/lib/k8s/status/rollout-budget';
import { StatusBadge } from '@/components/ui/status-badge';
import { toneOf } from '@/lib/k8s/kinds/workload-fields';
import { VisibleText } from '@/components/ui/visible-text';

// A Deployment's rollout as it happens (fed by the stream): the four counts, new and old
// ReplicaSets side by side, the surge/unavailability budget in use, and the Progressing condition —
// with ProgressDeadlineExceeded called out.

export function Counts({ items }: { items: { label: string; value: number | string; of?: number }[] }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map((i) => (
        <div
          key={i.label}
          className="rounded-md bg-slate-50 dark:bg-slate-800/40 px-3 py-2"
          data-testid={`count-${i.label.toLowerCase()}`}
        >
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{i.label}</dt>
          <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900 dark:text-slate-100">
            {i.value}
            {i.of !== undefined ? (
              <span className="text-sm font-normal text-slate-400 dark:text-slate-500"> / {i.of}</span>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Bar({ value, of }: { value: number; of: number }) {
  const pct = of > 0 ? Math.min(100, Math.round((value / of) * 100)) : 0;
  return (
    <div className="h-1.5 w-full overflow-hidden rounded bg-slate-100 dark:bg-slate-800">
      <div className="h-full bg-emerald-500 transition-all" style={{ width: `${pct}%` }} />
    </div>
  );
}

function ReplicaSetCard({ rs, role }: { rs: ReplicaSetSummary; role: 'new' | 'old' }) {
  return (
    <div
      className={`rounded-md border px-3 py-2 ${role === 'new' ? 'border-sky-200 dark:border-sky-900 bg-sky-50/50 dark:bg-sky-950/30' : 'border-slate-200 dark:border-slate-800'}`}
      data-testid={`replicaset-${role}`}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="truncate font-mono text-xs text-slate-800 dark:text-slate-200" title={rs.name}>
          {rs.name}
        </span>
        <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">rev {rs.revision ?? '?'}</span>
      </div>
      <p className="mt-1 truncate font-mono text-xs text-slate-500 dark:text-slate-400">
        <VisibleText text={rs.images.join(', ')} />
      </p>
      <div className="mt-2 flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span className="tabular-nums" data-testid="rs-ready">
          {rs.readyCount}/{rs.desired} ready
        </span>
        <Bar value={rs.readyCount} of={Math.max(rs.desired, rs.current)} />
      </div>
    </div>
  );
}

export function DeploymentRollout({ d, replicaSets }: { d: DeploymentListItem; replicaSets: ReplicaSetSummary[] }) {
  const owned = replicaSets.filter((rs) => rs.owner?.uid === d.uid);
  const newRs = owned.find((rs) => rs.revision !== undefined && rs.revision === d.revision);
  const old = owned
    .filter((rs) => rs !== newRs && (rs.desired > 0 || rs.current > 0))
    .sort((a, b) => Number(b.revision ?? 0) - Number(a.revision ?? 0));
  const budget = rolloutBudget(d.strategy, d.desired, { replicas: d.replicas, availableReplicas: d.available });
  const progressing = d.conditions.find((c) => c.type === 'Progressing');
  const stuck = progressing?.reason === 'ProgressDeadlineExceeded';
  return (
    <div className="flex flex-col gap-4" data-testid="rollout-progress">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge tone={toneOf(d.status)} title={d.statusMessage}>
          {d.status}
        </StatusBadge>
        <span className="text-sm text-slate-600 dark:text-slate-400">{d.statusMessage}</span>
      </div>
      {stuck ? (
        <div
          role="alert"
          className="rounded-md border border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
          data-testid="progress-deadline-exceeded"
        >
          <span className="font-semibold">ProgressDeadlineExceeded</span>:{' '}
          <VisibleText text={progressing?.message ?? 'the rollout made no progress'} />
          {d.progressDeadlineSeconds ? ` (deadline ${d.progressDeadlineSeconds}s)` : ''}
        </div>
      ) : null}
      <Counts
        items={[
          { label: 'Desired', value: d.desired },
          { label: 'Updated', value: d.upToDate, of: d.desired },
          { label: 'Ready', value: d.readyReplicas, of: d.desired },
          { label: 'Available', value: d.available, of: d.desired },
        ]}
      />
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            New ReplicaSet
          </h3>
          {newRs ? (
            <ReplicaSetCard rs={newRs} role="new" />
          ) : (
            <p className="text-sm text-slate-400 dark:text-slate-500">Not created yet.</p>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Old ReplicaSets
          </h3>
          {old.length ? (
            <div className="flex flex-col gap-2">
              {old.map((rs) => (
                <ReplicaSetCard key={rs.uid} rs={rs} role="old" />
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-400 dark:text-slate-500">None running.</p>
          )}
        </div>
      </div>
      {d.strategy.type === 'RollingUpdate' ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="rollout-budget">
          Surge in use <b className="tabular-nums">{budget.surgeInUse}</b> of maxSurge {budget.maxSurge}
          {' · '}unavailable <b className="tabular-nums">{budget.unavailableInUse}</b> of maxUnavailable{' '}
          {budget.maxUnavailable}
        </p>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Strategy {d.strategy.type}: all old pods stop before new ones start.
        </p>
      )}
    </div>
  );
}
