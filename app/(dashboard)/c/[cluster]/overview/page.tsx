import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AttentionBoard } from '@/components/overview/attention-board';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Overview' };

// What needs attention first, read as the signed-in person through the per-user cache (the list
// API), live from the stream. The page checks the session itself (STYLE.md rule 4).
export default async function OverviewPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  await requireIdentity(routes.overview(cluster));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Overview</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          What needs attention in cluster {ref.name}: stuck rollouts, unavailable workloads, crash loops, expiring
          certificates, autoscalers at their limits.
        </p>
      </div>
      <AttentionBoard cluster={ref.name} />
    </div>
  );
}
