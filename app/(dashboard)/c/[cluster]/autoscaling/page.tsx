import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { HpaListView } from '@/components/autoscaling/hpa-list-view';
import { horizontalPodAutoscalersKind } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import { HPA_LIST_PARAMS } from '@/lib/query/pages';
import { routes } from '@/lib/routes';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { cacheFor } from '@/server/k8s/registry';
import { serverListOptions, serverQueryClient } from '@/server/query/prefetch';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Autoscaling' };

// HorizontalPodAutoscalers the signed-in person may read (autoscaling/v2 or v2beta2, whichever the
// cluster serves). Prefetched here as the person with the client's own query options, then live from
// the stream (ADR 0018).
export default async function AutoscalingPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.section(cluster, 'autoscaling'));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  const cache = cacheFor(ref.name);
  if (!cache) notFound();
  const queryClient = serverQueryClient();
  // A failure is not cached: the client asks again and shows the error in words.
  await queryClient.prefetchQuery(serverListOptions(cache, who, horizontalPodAutoscalersKind, HPA_LIST_PARAMS));

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Autoscaling</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          HorizontalPodAutoscalers: what they scale, their metrics against targets, and where they stand between their
          bounds.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <HpaListView cluster={ref.name} />
      </HydrationBoundary>
    </div>
  );
}
