import type { ClusterHealth } from '@/lib/k8s/cluster-health';
import { reachabilityLabel } from '@/lib/k8s/cluster-health';
import { formatAge } from '@/lib/format/age';
import { ElevationControl } from '@/components/elevation/elevation-control';

import { ClusterSwitcher, type ClusterChoice } from './cluster-switcher';

interface ClusterHeaderProps {
  name: string;
  /** Undefined while the status is still loading (the header streams in before the cluster answers). */
  health?: ClusterHealth;
  /** Every configured cluster; the switcher appears when there is more than one. */
  clusters?: ClusterChoice[];
  /**
   * The Suspense fallback shown while the cluster answers. While React swaps the streamed header in,
   * both are briefly in the document: the fallback carries no test ids and no elevation control, so
   * nothing is rendered (or fetched) twice.
   */
  pending?: boolean;
}

export function ClusterHeader({ name, health, clusters = [], pending = false }: ClusterHeaderProps) {
  return (
    <header className="sticky top-0 z-10 flex h-14 shrink-0 items-center justify-between border-b border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 px-6">
      <div className="flex items-baseline gap-3">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Cluster</span>
        {clusters.length > 1 ? (
          <ClusterSwitcher current={name} clusters={clusters} />
        ) : (
          <span
            data-testid={pending ? undefined : 'cluster-name'}
            className="font-semibold text-slate-900 dark:text-slate-100"
          >
            {name}
          </span>
        )}
        {health?.server ? (
          <span className="hidden font-mono text-xs text-slate-500 dark:text-slate-400 md:inline">{health.server}</span>
        ) : null}
      </div>
      <div className="flex items-center gap-3">
        {pending ? null : <ElevationControl cluster={name} />}
        <StaleKinds health={health} />
        <Reachability health={health} />
      </div>
    </header>
  );
}

function Reachability({ health }: { health: ClusterHealth | undefined }) {
  if (!health) {
    return (
      <span
        className="flex items-center gap-2 text-sm text-slate-400 dark:text-slate-500"
        data-testid="cluster-reachability-pending"
      >
        <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-slate-300 dark:bg-slate-600" />
        Checking…
      </span>
    );
  }
  if (!health.reachable) {
    const contact = health.lastContactAt
      ? ` · last contact ${formatAge(health.lastContactAt, health.checkedAt)} ago`
      : '';
    return (
      <span
        className="flex items-center gap-2 text-sm text-red-700 dark:text-red-300"
        title={health.error?.message}
        data-testid="cluster-reachability"
      >
        <span aria-hidden className="h-2 w-2 rounded-full bg-red-500" />
        {reachabilityLabel(health)}
        <span className="text-xs text-red-600 dark:text-red-400">{contact}</span>
      </span>
    );
  }
  return (
    <span
      className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400"
      data-testid="cluster-reachability"
    >
      <span aria-hidden className="h-2 w-2 rounded-full bg-emerald-500" />
      Connected
      <span
        className="rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:text-slate-300"
        data-testid="cluster-version"
      >
        {health.version?.gitVersion}
      </span>
    </span>
  );
}

/** Kinds whose shared watch is failing: their lists show last-known data. */
function StaleKinds({ health }: { health: ClusterHealth | undefined }) {
  const stale = health?.kinds.filter((k) => k.state === 'stale') ?? [];
  if (stale.length === 0) return null;
  return (
    <span
      className="rounded bg-amber-100 dark:bg-amber-900/40 px-1.5 py-0.5 text-xs text-amber-800 dark:text-amber-200"
      title={stale.map((k) => `${k.kind}: ${k.error ?? 'watch interrupted'}`).join('\n')}
      data-testid="cluster-stale-kinds"
    >
      {stale.length === 1 ? '1 list out of date' : `${stale.length} lists out of date`}
    </span>
  );
}
