import type { ClusterStatus, KubeErrorKind } from '@/lib/k8s/dto';

interface ClusterHeaderProps {
  name: string;
  /** Undefined while the status is still loading (the header streams in before the cluster answers). */
  status?: ClusterStatus;
}

export function ClusterHeader({ name, status }: ClusterHeaderProps) {
  return (
    <header className="sticky top-0 z-10 flex h-14 shrink-0 items-center justify-between border-b border-slate-200 bg-white px-6">
      <div className="flex items-baseline gap-3">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Cluster</span>
        <span data-testid="cluster-name" className="font-semibold text-slate-900">
          {name}
        </span>
        {status?.server ? (
          <span className="hidden font-mono text-xs text-slate-500 md:inline">{status.server}</span>
        ) : null}
      </div>
      <Reachability status={status} />
    </header>
  );
}

function Reachability({ status }: { status: ClusterStatus | undefined }) {
  if (!status) {
    return (
      <span className="flex items-center gap-2 text-sm text-slate-400" data-testid="cluster-reachability">
        <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-slate-300" />
        Checking…
      </span>
    );
  }
  const { version } = status;
  if (!version.ok) {
    return (
      <span
        className="flex items-center gap-2 text-sm text-red-700"
        title={version.error.message}
        data-testid="cluster-reachability"
      >
        <span aria-hidden className="h-2 w-2 rounded-full bg-red-500" />
        {unavailableLabel(version.error.kind)}
      </span>
    );
  }
  return (
    <span className="flex items-center gap-2 text-sm text-slate-600" data-testid="cluster-reachability">
      <span aria-hidden className="h-2 w-2 rounded-full bg-emerald-500" />
      Connected
      <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
        {version.data.gitVersion}
      </span>
    </span>
  );
}

function unavailableLabel(kind: KubeErrorKind): string {
  if (kind === 'config') return 'Not configured';
  if (kind === 'unreachable' || kind === 'timeout' || kind === 'tls') return 'Unreachable';
  return 'Error';
}
