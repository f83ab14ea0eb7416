import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AttentionBoard } from '@/components/overview/attention-board';
import { ATTENTION_TOP_DEFAULT } from '@/lib/k8s/attention-summary';
import { deploymentsKind } from '@/lib/k8s/kinds/deployments';
import { attentionOptions, OVERVIEW_DEPLOYMENTS_PARAMS } from '@/lib/query/attention';
import { requireIdentity } from '@/server/auth/identity';
import { attentionForUser } from '@/server/k8s/attention';
import { resolveCluster } from '@/server/k8s/cluster';
import { cacheFor } from '@/server/k8s/registry';
import { serverListOptions, serverQueryClient } from '@/server/query/prefetch';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Overview' };

// What needs attention first, read as the signed-in person: prefetched here (the server functions,
// not HTTP) under the client's own query options, then live from the stream (ADR 0018, ADR 0023).
// The page checks the session itself (STYLE.md rule 4).
export default async function OverviewPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.overview(cluster));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  const cache = cacheFor(ref.name);
  if (!cache) notFound();
  const queryClient = serverQueryClient();
  // A failure is not cached: the client asks again and shows the error in words.
  await Promise.all([
    queryClient.prefetchQuery({
      ...attentionOptions(ref.name),
      queryFn: () => attentionForUser(cache, who, { top: ATTENTION_TOP_DEFAULT }),
    }),
    queryClient.prefetchQuery(serverListOptions(cache, who, deploymentsKind, OVERVIEW_DEPLOYMENTS_PARAMS)),
  ]);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Overview</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          What needs attention in cluster {ref.name}: stuck rollouts, unavailable workloads, crash loops, expiring
          certificates, autoscalers at their limits.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AttentionBoard cluster={ref.name} />
      </HydrationBoundary>
    </div>
  );
}
