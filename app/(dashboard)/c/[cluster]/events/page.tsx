import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';

import { EventsView } from '@/components/events/events-view';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Events' };

export default async function EventsPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  await requireIdentity(routes.section(cluster, 'events'));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Events</h1>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          Warnings first, then the newest. Filter by object with kind/name, e.g. pod/payments.
        </p>
      </div>
      <Suspense>
        <EventsView cluster={ref.name} />
      </Suspense>
    </div>
  );
}
