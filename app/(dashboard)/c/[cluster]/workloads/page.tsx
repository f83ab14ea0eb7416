import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';

import { WorkloadsView } from '@/components/workloads/workloads-view';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Workloads' };

// The page checks the session itself (STYLE.md rule 4); data comes from the per-user list API.
export default async function WorkloadsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  await requireIdentity(routes.section(cluster, 'workloads'));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Workloads</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs you may read.
        </p>
      </div>
      <Suspense>
        <WorkloadsView cluster={ref.name} />
      </Suspense>
    </div>
  );
}
