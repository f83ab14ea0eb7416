import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';

import { ResourceDetail } from '@/components/resource/resource-detail';
import { kindById } from '@/lib/k8s/kinds';
import { namespaceSchema, objectNameSchema } from '@/lib/k8s/names';
import { kindSection, routes } from '@/lib/routes';
import { currentIdentity, requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { resolveKind } from '@/server/k8s/custom-kinds';
import { cacheFor } from '@/server/k8s/registry';
import { prefetchObjectPage, serverQueryClient } from '@/server/query/prefetch';

export const dynamic = 'force-dynamic';

interface ObjectPageProps {
  params: Promise<{ cluster: string; section: string; ref: string[] }>;
}

/** [namespace, name] for namespaced kinds, [name] for cluster-scoped ones; anything else is a 404. */
function parseRef(namespaced: boolean, ref: string[]): { namespace?: string; name: string } | undefined {
  // Decode once where Next.js has not (a name with ':' arrives as %3A); a segment it already decoded
  // and that still holds '%' cannot be decoded again, and no object name may contain '%' anyway.
  const parts = ref.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (namespaced ? parts.length !== 2 : parts.length !== 1) return undefined;
  const name = objectNameSchema.safeParse(parts[parts.length - 1]);
  if (!name.success) return undefined;
  if (!namespaced) return { name: name.data };
  const ns = namespaceSchema.safeParse(parts[0]);
  return ns.success ? { namespace: ns.data, name: name.data } : undefined;
}

export async function generateMetadata({ params }: ObjectPageProps): Promise<Metadata> {
  const p = await params;
  // A custom kind only for someone signed in: a visitor learns nothing about the cluster.
  const cache = !kindById(p.section) && (await currentIdentity()) ? cacheFor(p.cluster) : undefined;
  const kind = kindById(p.section) ?? (cache ? await resolveKind(cache, p.section).catch(() => undefined) : undefined);
  const target = kind && parseRef(kind.namespaced, p.ref);
  return { title: target ? `${target.name} · ${kind.titleSingular ?? kind.kind}` : 'Not found' };
}

// One object of any registered kind: /c/<cluster>/<kind>/<namespace>/<name>, or /c/<cluster>/<kind>/<name>
// for cluster-scoped kinds. The ResourceDetail shell renders it from the kind's descriptor.
export default async function ObjectPage({ params }: ObjectPageProps) {
  const p = await params;
  const who = await requireIdentity(`${routes.section(p.cluster, p.section)}/${p.ref.join('/')}`);
  const ref = resolveCluster(p.cluster);
  const cache = ref && cacheFor(ref.name);
  // Built-in kinds first, then the cluster's CRDs (`<plural>.<group>`; ADR 0020).
  const kind = cache ? await resolveKind(cache, p.section) : undefined;
  const target = kind && parseRef(kind.namespaced, p.ref);
  if (!ref || !cache || !kind || !target) notFound();
  // Kinds hosted by a section of their own (a Deployment's page is under Workloads) live there, and a
  // CRD the registry describes (certificates.cert-manager.io) at its built-in page.
  if (kind.id !== p.section || kindSection(kind.id) !== kind.id)
    redirect(routes.object(ref.name, kind.id, target.namespace, target.name));
  // The object and what its page shows first, read as the person under the client's keys (ADR 0018).
  const queryClient = serverQueryClient();
  await prefetchObjectPage(queryClient, cache, who, kind, target.namespace, target.name);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          <Link href={routes.kindList(ref.name, kind.id)} prefetch={false} className="hover:underline">
            {kind.title}
          </Link>
          {target.namespace ? ` / ${target.namespace}` : null}
        </p>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">
          <span className="sr-only">{kind.titleSingular ?? kind.kind} </span>
          {target.name}
        </h1>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ResourceDetail cluster={ref.name} kind={kind.id} namespace={target.namespace} name={target.name} />
      </HydrationBoundary>
    </div>
  );
}
