import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { HpaCharts } from '@/components/autoscaling/hpa-charts';
import { HpaEditButton } from '@/components/autoscaling/hpa-edit-button';
import { HpaBehaviorCard, HpaConditionsCard, HpaMetricsCard } from '@/components/autoscaling/hpa-facts';
import { HpaStatusBadge } from '@/components/autoscaling/hpa-status-badge';
import { ErrorPanel } from '@/components/ui/error-panel';
import { horizontalPodAutoscalersKind, type HpaSummary } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import { requireIdentity } from '@/server/auth/identity';
import { serverEnv } from '@/server/env';
import { resolveCluster } from '@/server/k8s/cluster';
import { publicSummary, toKubeError } from '@/server/k8s/errors';
import { listQuerySchema } from '@/server/k8s/list-query';
import { namespaceSchema, objectNameSchema } from '@/server/k8s/objects';
import { cacheFor } from '@/server/k8s/registry';
import { listForUser } from '@/server/k8s/resources';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ cluster: string; namespace: string; name: string }>;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: objectNameSchema.safeParse(name).success ? `${name} · Autoscaling` : 'Autoscaling' };
}

const WORKLOAD_ROUTE: Record<string, string> = { Deployment: 'deployments', StatefulSet: 'statefulsets' };

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

  let hpa: HpaSummary | undefined;
  try {
    const query = listQuerySchema.parse({ namespaces: [ns.data], q: name.data, limit: 1000 });
    hpa = (await listForUser(cache, who, horizontalPodAutoscalersKind, query)).items.find((h) => h.name === name.data);
  } catch (err) {
    return (
      <ErrorPanel
        title="The autoscaler could not be read"
        error={publicSummary(toKubeError(err, { cluster: ref.name }), ref.name)}
      />
    );
  }
  // Not there, or not readable by this person: the same answer.
  if (!hpa) notFound();
  const mayEdit = await cache.access.allowed(who, {
    verb: 'patch',
    group: 'autoscaling',
    resource: 'horizontalpodautoscalers',
    namespace: ns.data,
    name: name.data,
  });
  const route = WORKLOAD_ROUTE[hpa.target.kind];

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link
              href={routes.kindList(ref.name, 'horizontalpodautoscalers')}
              prefetch={false}
              className="hover:underline"
            >
              Autoscaling
            </Link>{' '}
            / {ns.data}
          </p>
          <h1 className="flex items-center gap-3 text-xl font-semibold text-slate-900">
            {hpa.name} <HpaStatusBadge status={hpa.status} message={hpa.statusMessage} />
          </h1>
          <p className="mt-1 text-sm text-slate-600">{hpa.statusMessage}</p>
        </div>
        {mayEdit ? (
          <HpaEditButton
            cluster={ref.name}
            namespace={ns.data}
            hpa={{
              name: hpa.name,
              minReplicas: hpa.minReplicas,
              maxReplicas: hpa.maxReplicas,
              resourceVersion: hpa.resourceVersion,
            }}
            maxReplicas={serverEnv().maxReplicas}
          />
        ) : null}
      </div>

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-5" data-testid="hpa-facts">
        <Fact label="Scales">
          {route ? (
            <Link
              className="text-base break-all text-sky-700 hover:underline"
              prefetch={false}
              href={routes.object(ref.name, route, ns.data, hpa.target.name)}
            >
              {hpa.target.kind}/{hpa.target.name}
            </Link>
          ) : (
            `${hpa.target.kind}/${hpa.target.name}`
          )}
        </Fact>
        <Fact label="Min–max replicas" testId="hpa-bounds">
          {hpa.minReplicas}–{hpa.maxReplicas}
        </Fact>
        <Fact label="Current replicas">{hpa.currentReplicas}</Fact>
        <Fact label="Desired replicas">{hpa.desiredReplicas}</Fact>
        <Fact label="Last scaled">
          {hpa.lastScaleTime ? (
            <time dateTime={hpa.lastScaleTime}>{hpa.lastScaleTime.replace('T', ' ').slice(0, 16)} UTC</time>
          ) : (
            'never'
          )}
        </Fact>
      </dl>

      <div className="grid gap-4 lg:grid-cols-2">
        <HpaMetricsCard hpa={hpa} />
        <HpaBehaviorCard hpa={hpa} />
      </div>
      <HpaConditionsCard hpa={hpa} />
      <HpaCharts
        cluster={ref.name}
        namespace={ns.data}
        name={hpa.name}
        target={hpa.target}
        minReplicas={hpa.minReplicas}
        maxReplicas={hpa.maxReplicas}
        metrics={hpa.metrics}
      />
    </div>
  );
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid={testId}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900">{children}</dd>
    </div>
  );
}
