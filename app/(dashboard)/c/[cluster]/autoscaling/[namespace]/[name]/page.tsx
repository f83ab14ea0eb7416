import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { HpaDetailView } from '@/components/autoscaling/hpa-detail-view';
import { ErrorPanel } from '@/components/ui/error-panel';
import { horizontalPodAutoscalersKind } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import { hpaDetailParams } from '@/lib/query/pages';
import { routes } from '@/lib/routes';
import { requireIdentity } from '@/server/auth/identity';
import { serverEnv } from '@/server/env';
import { resolveCluster } from '@/server/k8s/cluster';
import { publicSummary, toKubeError } from '@/server/k8s/errors';
import { namespaceSchema, objectNameSchema } from '@/server/k8s/objects';
import { cacheFor } from '@/server/k8s/registry';
import { serverListOptions, serverQueryClient } from '@/server/query/prefetch';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ cluster: string; namespace: string; name: string }>;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: objectNameSchema.safeParse(name).success ? `${name} · Autoscaling` : 'Autoscaling' };
}

// One HPA: read on the server as the person with the client's own query options (a missing or
// unreadable HPA is a 404 from the first byte), then live from the stream (ADR 0018).
export default async function HpaDetailPage({ params }: Params) {
  const p = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.object(p.cluster, 'horizontalpodautoscalers', p.namespace, p.name));
  const ref = resolveCluster(p.cluster);
  const ns = namespaceSchema.safeParse(p.namespace);
  const name = objectNameSchema.safeParse(p.name);
  if (!ref || !ns.success || !name.success) notFound();
  const cache = cacheFor(ref.name);
  if (!cache) notFound();

  const queryClient = serverQueryClient();
  let found: boolean;
  try {
    const page = await queryClient.fetchQuery(
      serverListOptions(cache, who, horizontalPodAutoscalersKind, hpaDetailParams(ns.data, name.data)),
    );
    found = page.items.some((h) => h.name === name.data && h.namespace === ns.data);
  } catch (err) {
    return (
      <ErrorPanel
        title="The autoscaler could not be read"
        error={publicSummary(toKubeError(err, { cluster: ref.name }), ref.name)}
      />
    );
  }
  // Not there, or not readable by this person: the same answer.
  if (!found) notFound();
  const mayEdit = await cache.access.allowed(who, {
    verb: 'patch',
    group: 'autoscaling',
    resource: 'horizontalpodautoscalers',
    namespace: ns.data,
    name: name.data,
  });

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <HpaDetailView
        cluster={ref.name}
        namespace={ns.data}
        name={name.data}
        mayEdit={mayEdit}
        maxReplicas={serverEnv().maxReplicas}
      />
    </HydrationBoundary>
  );
}
