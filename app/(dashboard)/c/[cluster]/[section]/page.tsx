import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';

import { ResourceListView } from '@/components/resource/resource-list-view';
import { ErrorPanel } from '@/components/ui/error-panel';
import { kindById } from '@/lib/k8s/kinds';
import { searchOf } from '@/lib/query/pages';
import { kindSection, routes } from '@/lib/routes';
import { currentIdentity, requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { isPersonRead, mayListSomewhere, resolveKind } from '@/server/k8s/custom-kinds';
import { clusterNamespaces } from '@/server/k8s/custom-person';
import { cacheFor } from '@/server/k8s/registry';
import { prefetchListPage, serverQueryClient } from '@/server/query/prefetch';

export const dynamic = 'force-dynamic';

interface KindListPageProps {
  params: Promise<{ cluster: string; section: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
}

// The list page of any registered kind (/c/<cluster>/<kind id>). Sections with pages of their own
// (workloads/, pods/…) are folders Next matches before this dynamic segment; a kind that lives in such
// a section (deployments → the Workloads tab) redirects there.
export async function generateMetadata({ params }: KindListPageProps): Promise<Metadata> {
  const { cluster, section } = await params;
  const builtIn = kindById(section);
  if (builtIn) return { title: builtIn.title };
  // A custom kind's title only for someone signed in: a visitor learns nothing about the cluster.
  const cache = (await currentIdentity()) ? cacheFor(cluster) : undefined;
  const kind = cache ? await resolveKind(cache, section).catch(() => undefined) : undefined;
  return { title: kind?.title ?? 'Not found' };
}

export default async function KindListPage({ params, searchParams }: KindListPageProps) {
  const { cluster, section } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.section(cluster, section));
  const ref = resolveCluster(cluster);
  const cache = ref && cacheFor(ref.name);
  // Built-in kinds first, then the cluster's CRDs (`<plural>.<group>`; ADR 0020).
  const kind = cache ? await resolveKind(cache, section) : undefined;
  if (!ref || !cache || !kind) notFound();
  // A CRD the registry describes (certificates.cert-manager.io) lives at its built-in page.
  if (kind.id !== section || kindSection(kind.id) !== kind.id) redirect(routes.kindList(ref.name, kind.id));
  const denied = isPersonRead(kind) && !(await mayListSomewhere(cache, who, kind, await clusterNamespaces(cache)));
  // The table's first page for the URL's filters, read as the person under the table's own key
  // (ADR 0018); kinds read as the person keep their own routes and load in the browser.
  const queryClient = serverQueryClient();
  if (!denied) await prefetchListPage(queryClient, cache, who, kind, searchOf((await searchParams) ?? {}));
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">{kind.title}</h1>
        {kind.description ? (
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{kind.description}</p>
        ) : null}
      </div>
      {denied ? (
        <ErrorPanel
          title={`You may not list ${kind.title}`}
          error={{
            kind: 'forbidden',
            message: `Your account may not list ${kind.title} (${kind.plural}.${kind.group}) in any namespace of cluster ${ref.name}. Ask a cluster administrator for read access.`,
          }}
        />
      ) : (
        // No <Suspense>: the prefetched rows go into the first paint (ADR 0018, first paint).
        <HydrationBoundary state={dehydrate(queryClient)}>
          <ResourceListView cluster={ref.name} kind={kind.id} />
        </HydrationBoundary>
      )}
    </div>
  );
}
