import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { Suspense } from 'react';

import { ResourceListView } from '@/components/resource/resource-list-view';
import { kindById } from '@/lib/k8s/kinds';
import { kindSection, routes } from '@/lib/routes';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';

export const dynamic = 'force-dynamic';

interface KindListPageProps {
  params: Promise<{ cluster: string; section: string }>;
}

// The list page of any registered kind (/c/<cluster>/<kind id>). Sections with pages of their own
// (workloads/, pods/…) are folders Next matches before this dynamic segment; a kind that lives in such
// a section (deployments → the Workloads tab) redirects there.
export async function generateMetadata({ params }: KindListPageProps): Promise<Metadata> {
  return { title: kindById((await params).section)?.title ?? 'Not found' };
}

export default async function KindListPage({ params }: KindListPageProps) {
  const { cluster, section } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  await requireIdentity(routes.section(cluster, section));
  const ref = resolveCluster(cluster);
  const kind = kindById(section);
  if (!ref || !kind) notFound();
  if (kindSection(kind.id) !== kind.id) redirect(routes.kindList(ref.name, kind.id));
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">{kind.title}</h1>
        {kind.description ? (
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{kind.description}</p>
        ) : null}
      </div>
      <Suspense>
        <ResourceListView cluster={ref.name} kind={kind.id} />
      </Suspense>
    </div>
  );
}
