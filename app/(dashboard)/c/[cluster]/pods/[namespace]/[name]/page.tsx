import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { ResourceDetail } from '@/components/resource/resource-detail';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { cacheFor } from '@/server/k8s/registry';
import { prefetchObjectPage, serverQueryClient } from '@/server/query/prefetch';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { namespaceSchema, objectNameSchema } from '@/lib/k8s/names';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ cluster: string; namespace: string; name: string }>;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: objectNameSchema.safeParse(name).success ? name : 'Pod' };
}

export default async function PodPage({ params }: Params) {
  const p = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.object(p.cluster, 'pods', p.namespace, p.name));
  const ref = resolveCluster(p.cluster);
  const ns = namespaceSchema.safeParse(p.namespace);
  const name = objectNameSchema.safeParse(p.name);
  if (!ref || !ns.success || !name.success) notFound();
  // The pod and what its page shows first, read as the person under the client's keys (ADR 0018).
  const cache = cacheFor(ref.name);
  const queryClient = serverQueryClient();
  if (cache) await prefetchObjectPage(queryClient, cache, who, podsKind, ns.data, name.data);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          <Link href={routes.kindList(ref.name, 'pods')} prefetch={false} className="hover:underline">
            Pods
          </Link>{' '}
          / {ns.data}
        </p>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">
          <span className="sr-only">Pod </span>
          {name.data}
        </h1>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ResourceDetail cluster={ref.name} kind="pods" namespace={ns.data} name={name.data} />
      </HydrationBoundary>
    </div>
  );
}
