'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';

import { HpaCharts } from '@/components/autoscaling/hpa-charts';
import { HpaEditButton } from '@/components/autoscaling/hpa-edit-button';
import { WhyNot } from '@/components/actions/why-not';
import { hpaEditAccess } from '@/lib/k8s/why';
import { HpaBehaviorCard, HpaConditionsCard, HpaMetricsCard } from '@/components/autoscaling/hpa-facts';
import { HpaStatusBadge } from '@/components/autoscaling/hpa-status-badge';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { useResourceList } from '@/components/resource/use-resource-list';
import { ErrorPanel } from '@/components/ui/error-panel';
import { errorSummaryOf } from '@/lib/query/fetch';
import { hpaDetailParams } from '@/lib/query/pages';
import { routes } from '@/lib/routes';
import { Timestamp } from '@/components/ui/timestamp';

// One HPA, live: the page prefetched its list query on the server; the stream then patches it, so a
// new maximum (from this page's dialog, kubectl or a GitOps sync) and every scale show without a reload.

const WORKLOAD_KIND: Record<string, string> = { Deployment: 'deployments', StatefulSet: 'statefulsets' };

interface HpaDetailViewProps {
  cluster: string;
  namespace: string;
  name: string;
  /** The person may patch this HPA (asked on the server). */
  mayEdit: boolean;
  /** The dashboard's replica ceiling for the edit dialog. */
  maxReplicas: number;
}

export function HpaDetailView({ cluster, namespace, name, mayEdit, maxReplicas }: HpaDetailViewProps) {
  // One stream for the page; HpaLiveHistory reads the same list query.
  useLiveUpdates([`${cluster}:horizontalpodautoscalers:${namespace}`]);
  const list = useResourceList(cluster, 'horizontalpodautoscalers', hpaDetailParams(namespace, name));
  const hpa = list.data?.items.find((h) => h.name === name && h.namespace === namespace);
  const crumbs = (
    <p className="text-sm text-slate-500 dark:text-slate-400">
      <Link href={routes.kindList(cluster, 'horizontalpodautoscalers')} prefetch={false} className="hover:underline">
        Autoscaling
      </Link>{' '}
      / {namespace}
    </p>
  );
  if (!hpa) {
    return (
      <div className="mx-auto flex max-w-7xl flex-col gap-4">
        {crumbs}
        <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">{name}</h1>
        {list.error ? (
          <ErrorPanel title="The autoscaler could not be read" error={errorSummaryOf(list.error)} />
        ) : list.data ? (
          <p role="status" className="text-sm text-slate-600 dark:text-slate-300" data-testid="hpa-gone">
            This autoscaler no longer exists, or you may no longer read it.
          </p>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>
        )}
      </div>
    );
  }
  const workload = WORKLOAD_KIND[hpa.target.kind];

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          {crumbs}
          <h1 className="flex items-center gap-3 text-xl font-semibold text-slate-900 dark:text-slate-100">
            {hpa.name} <HpaStatusBadge status={hpa.status} message={hpa.statusMessage} />
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{hpa.statusMessage}</p>
        </div>
        {mayEdit ? (
          <HpaEditButton
            cluster={cluster}
            namespace={namespace}
            hpa={{
              name: hpa.name,
              minReplicas: hpa.minReplicas,
              maxReplicas: hpa.maxReplicas,
              resourceVersion: hpa.resourceVersion,
            }}
            maxReplicas={maxReplicas}
          />
        ) : (
          <WhyNot cluster={cluster} request={hpaEditAccess(namespace, hpa.name)} label="change the autoscaling range" />
        )}
      </div>

      <dl className="grid grid-cols-2 gap-4 md:grid-cols-5" data-testid="hpa-facts">
        <Fact label="Scales">
          {workload ? (
            <Link
              className="text-base break-all text-sky-700 hover:underline dark:text-sky-400"
              prefetch={false}
              href={routes.object(cluster, workload, namespace, hpa.target.name)}
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
        <Fact label="Last scaled">{hpa.lastScaleTime ? <Timestamp iso={hpa.lastScaleTime} /> : 'never'}</Fact>
      </dl>

      <div className="grid gap-4 lg:grid-cols-2">
        <HpaMetricsCard hpa={hpa} />
        <HpaBehaviorCard hpa={hpa} />
      </div>
      <HpaConditionsCard hpa={hpa} />
      <HpaCharts
        cluster={cluster}
        namespace={namespace}
        name={hpa.name}
        target={hpa.target}
        minReplicas={hpa.minReplicas}
        maxReplicas={hpa.maxReplicas}
        metrics={hpa.metrics}
      />
    </div>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div
      className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid={testId}
    >
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}
