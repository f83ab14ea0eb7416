import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { Suspense } from 'react';

import { RenderTimeProvider } from '@/components/resource/use-now';
import { ClusterHeader } from '@/components/shell/cluster-header';
import { SidebarNav } from '@/components/shell/sidebar-nav';
import { UserMenu } from '@/components/shell/user-menu';
import { requireIdentity, type Identity } from '@/server/auth/identity';
import type { ClusterRef } from '@/server/k8s/cluster';
import { configuredClusterNames, resolveCluster } from '@/server/k8s/cluster';
import { clusterHealth, listClusterHealth } from '@/server/k8s/cluster-health';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

interface ClusterLayoutProps {
  children: ReactNode;
  params: Promise<{ cluster: string }>;
}

// The app shell. It only resolves which cluster the route names; it never decides permissions
// (STYLE.md rule 4): each page checks access itself.
export default async function ClusterLayout({ children, params }: ClusterLayoutProps) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing of the cluster, not even whether
  // it exists (a 404 here would tell). Pages still check the session themselves.
  const who = await requireIdentity(routes.overview(cluster));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();

  // The document scrolls (not an inner pane), so browser find, anchors and full-page screenshots work;
  // the sidebar background stretches with the content while its links stay in view.
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 bg-slate-900 dark:border-r dark:border-slate-800">
        <div className="sticky top-0 flex max-h-screen flex-col">
          <Link
            href={routes.overview(ref.name)}
            prefetch={false}
            className="flex h-14 shrink-0 items-center gap-2 px-6"
          >
            <span
              aria-hidden
              className="grid h-6 w-6 place-items-center rounded bg-sky-500 text-xs font-bold text-white"
            >
              W
            </span>
            <span className="text-sm font-semibold tracking-wide text-white">Wheelhouse</span>
          </Link>
          <div className="mt-2 overflow-y-auto pb-4">
            <SidebarNav cluster={ref.name} />
          </div>
          <div className="mt-auto shrink-0">
            <UserMenu user={who.user} groups={who.groups} />
          </div>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {/* Streams in: a slow or unreachable cluster must not hold back the shell and the page skeleton. */}
        <Suspense fallback={<ClusterHeader name={ref.name} pending />}>
          <ClusterHeaderWithStatus cluster={ref} who={who} />
        </Suspense>
        <main className="flex-1 px-6 py-6">
          {/* Pages render their data on the server: ages are computed from this time until hydrated. */}
          <RenderTimeProvider at={new Date().toISOString()}>{children}</RenderTimeProvider>
        </main>
      </div>
    </div>
  );
}

async function ClusterHeaderWithStatus({ cluster, who }: { cluster: ClusterRef; who: Identity }) {
  // Other clusters are probed only when there are several (for the switcher's reachability dots).
  // The header shows no object counts: they would cost a developer's access answers on every page.
  const options = { objectCounts: false };
  const all =
    configuredClusterNames().length > 1
      ? await listClusterHealth(who, options)
      : [await clusterHealth(cluster, who, options)];
  const health = all.find((h) => h.name === cluster.name);
  const clusters = all.map((h) => ({ name: h.name, reachable: h.reachable }));
  return <ClusterHeader name={cluster.name} health={health} clusters={clusters} />;
}
