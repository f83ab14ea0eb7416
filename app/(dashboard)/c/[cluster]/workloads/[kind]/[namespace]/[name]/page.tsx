import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { kindById } from '@/lib/k8s/kinds';
import { ResourceDetail } from '@/components/resource/resource-detail';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { cacheFor } from '@/server/k8s/registry';
import { prefetchObjectPage, serverQueryClient } from '@/server/query/prefetch';
import { namespaceSchema, objectNameSchema } from '@/lib/k8s/names';
import { isWorkloadKindId, routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ cluster: string; kind: string; namespace: string; name: string }>;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: objectNameSchema.safeParse(name).success ? name : 'Workload' };
}

// Workload detail: the generic shell with the workload panel (components/kinds/workloads). The page
// checks the session itself; the object is read as the person (prefetched here, else through the
// per-user API GET /api/k8s/<cluster>/<kind>/<namespace>/<name>), so a person who may not read it
// sees a 403 message, not the object.
export default async function WorkloadDetailPage({ params }: Params) {
  const p = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.object(p.cluster, p.kind, p.namespace, p.name));
  const ref = resolveCluster(p.cluster);
  const ns = namespaceSchema.safeParse(p.namespace);
  const name = objectNameSchema.safeParse(p.name);
  if (!ref || !isWorkloadKindId(p.kind) || !ns.success || !name.success) notFound();
  const kind = kindById(p.kind);
  const cache = cacheFor(ref.name);
  const title = kind?.title ?? p.kind;
  // The workload, its pods and what else its page shows first, read as the person under the
  // client's keys (ADR 0018), so the first rows arrive in the HTML.
  const queryClient = serverQueryClient();
  if (kind && cache) await prefetchObjectPage(queryClient, cache, who, kind, ns.data, name.data);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          <Link href={routes.kindList(ref.name, p.kind)} prefetch={false} className="hover:underline">
            {title}
          </Link>{' '}
          / {ns.data}
        </p>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">{name.data}</h1>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ResourceDetail cluster={ref.name} kind={p.kind} namespace={ns.data} name={name.data} />
      </HydrationBoundary>
    </div>
  );
}
