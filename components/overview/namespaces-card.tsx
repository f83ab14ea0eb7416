import { formatAge } from '@/lib/format/age';
import type { Loaded, NamespaceSummary } from '@/lib/k8s/dto';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { StatusBadge } from '@/components/ui/status-badge';

interface NamespacesCardProps {
  namespaces: Loaded<NamespaceSummary[]>;
  /** Deployments per namespace, for the count beside each name. */
  deploymentCounts: ReadonlyMap<string, number>;
  fetchedAt: string;
}

export function NamespacesCard({ namespaces, deploymentCounts, fetchedAt }: NamespacesCardProps) {
  return (
    <Card
      title="Namespaces"
      meta={namespaces.ok ? `${namespaces.data.length} total` : undefined}
      testId="namespaces-card"
    >
      {namespaces.ok ? (
        // -mb-px hides the last row's bottom border under the card's own edge.
        <ul className="-mb-px grid grid-cols-1 sm:grid-cols-2 xl:grid-cols-3">
          {namespaces.data.map((ns) => (
            <NamespaceItem
              key={ns.name}
              ns={ns}
              deployments={deploymentCounts.get(ns.name) ?? 0}
              fetchedAt={fetchedAt}
            />
          ))}
        </ul>
      ) : (
        <div className="p-4">
          <ErrorPanel title="Cannot list namespaces" error={namespaces.error} />
        </div>
      )}
    </Card>
  );
}

function NamespaceItem({
  ns,
  deployments,
  fetchedAt,
}: {
  ns: NamespaceSummary;
  deployments: number;
  fetchedAt: string;
}) {
  return (
    <li className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
      <span className="flex min-w-0 items-center gap-2">
        <span className="truncate font-mono text-sm text-slate-800" data-testid="namespace-name">
          {ns.name}
        </span>
        {/* Active is the normal case; only call out Terminating and friends. */}
        {ns.phase === 'Active' ? null : <StatusBadge tone="amber">{ns.phase}</StatusBadge>}
      </span>
      <span className="flex shrink-0 items-center gap-4 text-xs text-slate-500 tabular-nums">
        <span>{deployments === 1 ? '1 Deployment' : `${deployments} Deployments`}</span>
        <span className="w-12 text-right" title={`Created ${ns.createdAt}`}>
          {formatAge(ns.createdAt, fetchedAt)}
        </span>
      </span>
    </li>
  );
}
