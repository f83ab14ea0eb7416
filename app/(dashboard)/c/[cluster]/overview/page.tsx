import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { DeploymentsTable } from '@/components/overview/deployments-table';
import { NamespacesCard } from '@/components/overview/namespaces-card';
import { StatTiles } from '@/components/overview/stat-tiles';
import { ErrorPanel } from '@/components/ui/error-panel';
import type { ClusterOverview } from '@/lib/k8s/dto';
import { resolveCluster } from '@/server/k8s/cluster';
import { getOverview } from '@/server/k8s/overview';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ params }: { params: Promise<{ cluster: string }> }) {
  const ref = resolveCluster((await params).cluster);
  if (!ref) notFound();
  const overview = await getOverview(ref);
  const { cluster } = overview;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Overview</h1>
          <p className="mt-1 text-sm text-slate-500">Namespaces and Deployments in cluster {cluster.name}.</p>
        </div>
        <p className="text-xs text-slate-400">
          Read at <time dateTime={overview.fetchedAt}>{overview.fetchedAt.slice(11, 19)} UTC</time>
        </p>
      </div>

      {cluster.version.ok ? (
        <>
          <StatTiles stats={statsOf(overview)} />
          <NamespacesCard
            namespaces={overview.namespaces}
            deploymentCounts={countByNamespace(overview)}
            fetchedAt={overview.fetchedAt}
          />
          <DeploymentsTable deployments={overview.deployments} fetchedAt={overview.fetchedAt} />
        </>
      ) : (
        <ErrorPanel title={`Cluster ${cluster.name} is not available`} error={cluster.version.error} />
      )}
    </div>
  );
}

function statsOf({ cluster, namespaces, deployments }: ClusterOverview) {
  const list = deployments.ok ? deployments.data : [];
  const attention = list.filter((d) => d.status === 'Stuck' || d.status === 'Degraded').length;
  return [
    { label: 'Kubernetes', value: cluster.version.ok ? cluster.version.data.gitVersion : '—' },
    { label: 'Namespaces', value: namespaces.ok ? String(namespaces.data.length) : '—' },
    { label: 'Deployments', value: deployments.ok ? String(list.length) : '—' },
    { label: 'Need attention', value: deployments.ok ? String(attention) : '—', alert: attention > 0 },
  ];
}

function countByNamespace({ deployments }: ClusterOverview): Map<string, number> {
  const counts = new Map<string, number>();
  if (deployments.ok) {
    for (const d of deployments.data) counts.set(d.namespace, (counts.get(d.namespace) ?? 0) + 1);
  }
  return counts;
}
