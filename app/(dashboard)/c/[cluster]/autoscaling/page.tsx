import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { HpaTable } from '@/components/autoscaling/hpa-table';
import { ErrorPanel } from '@/components/ui/error-panel';
import { horizontalPodAutoscalersKind, type HpaSummary } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import { requireIdentity } from '@/server/auth/identity';
import { resolveCluster } from '@/server/k8s/cluster';
import { publicSummary, toKubeError } from '@/server/k8s/errors';
import { listQuerySchema } from '@/server/k8s/list-query';
import { cacheFor } from '@/server/k8s/registry';
import { listForUser } from '@/server/k8s/resources';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Autoscaling' };

// HorizontalPodAutoscalers the signed-in person may read, from the shared cache (autoscaling/v2 or
// v2beta2, whichever the cluster serves).
export default async function AutoscalingPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.section(cluster, 'autoscaling'));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  const cache = cacheFor(ref.name);
  if (!cache) notFound();

  let items: HpaSummary[] = [];
  let error;
  try {
    items = (await listForUser(cache, who, horizontalPodAutoscalersKind, listQuerySchema.parse({ limit: 1000 }))).items;
  } catch (err) {
    error = publicSummary(toKubeError(err, { cluster: ref.name }), ref.name);
  }

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Autoscaling</h1>
        <p className="mt-1 text-sm text-slate-500">
          HorizontalPodAutoscalers: what they scale, their metrics against targets, and where they stand between their
          bounds.
        </p>
      </div>
      {error ? (
        <ErrorPanel title="HorizontalPodAutoscalers could not be read" error={error} />
      ) : items.length ? (
        <HpaTable cluster={ref.name} items={items} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500">
          No HorizontalPodAutoscalers in the namespaces you may read.
        </p>
      )}
    </div>
  );
}
