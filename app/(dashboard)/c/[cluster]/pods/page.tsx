import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { PodsView } from '@/components/pods/pods-view';
import { requireIdentity } from '@/server/auth/identity';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { searchOf } from '@/lib/query/pages';
import { routes } from '@/lib/routes';
import { resolveCluster } from '@/server/k8s/cluster';
import { cacheFor } from '@/server/k8s/registry';
import { prefetchListPage, serverQueryClient } from '@/server/query/prefetch';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pods' };

interface PodsPageProps {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// The first page of pods for the URL's filters is read here, as the signed-in person, under the
// table's own query key, and arrives in the HTML; the stream keeps it live from there (ADR 0018).
export default async function PodsPage({ params, searchParams }: PodsPageProps) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.section(cluster, 'pods'));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  const cache = cacheFor(ref.name);
  if (!cache) notFound();
  const queryClient = serverQueryClient();
  await prefetchListPage(queryClient, cache, who, podsKind, searchOf(await searchParams));
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Pods</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          Pods you may read, with status, restarts and logs.
        </p>
      </div>
      {/* No <Suspense> here: the rows are ready when this renders, and a boundary around more than
          12.8 kB of HTML is sent hidden and shown a frame later by script (ADR 0018, first paint). */}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <PodsView cluster={ref.name} />
      </HydrationBoundary>
    </div>
  );
}
