'use client';

import { useQueries, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect } from 'react';

import type { KindPanelProps } from '@/components/kinds/types';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { StatTiles } from '@/components/overview/stat-tiles';
import { DetailTableView } from '@/components/resource/detail-parts';
import { Section } from '@/components/resource/section';
import { useNow } from '@/components/resource/use-now';
import { useResourceList } from '@/components/resource/use-resource-list';
import { StatusBadge } from '@/components/ui/status-badge';
import { quotaTables, type ResourceQuotaSummary } from '@/lib/k8s/kinds/resourcequotas';
import { attentionItems, POD_NEEDS_ATTENTION_QUERY } from '@/lib/k8s/status/attention';
import { resourceObjectOptions } from '@/lib/query/options';
import { routes } from '@/lib/routes';

// The Namespace page's panel: its workloads and pods, and what needs attention in it, ranked by the
// Overview's own rules (lib/k8s/status/attention.ts) over the person's lists of this namespace.

const SEVERITY_TONE = { critical: 'red', warning: 'amber', info: 'blue' } as const;
const LIVE_KINDS = [
  'resourcequotas',
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'pods',
  'horizontalpodautoscalers',
];

/** Each quota of the namespace, used against hard, as bars (read as the person, live with the list). */
function QuotaBars({ cluster, namespace }: { cluster: string; namespace: string }) {
  const quotas = useResourceList(cluster, 'resourcequotas', { namespaces: [namespace], limit: 50 });
  const items = quotas.data?.items ?? [];
  const queryClient = useQueryClient();
  const objects = useQueries({
    queries: items.map((q) => resourceObjectOptions(cluster, 'resourcequotas', namespace, q.name)),
  });
  // The list is live (stream); a quota whose resourceVersion moved on is read again (its usage changed).
  const stale = items
    .filter((q, i) => {
      const seen = objects[i]?.data?.summary.resourceVersion;
      return seen !== undefined && seen !== q.resourceVersion;
    })
    .map((q) => q.name)
    .join(',');
  useEffect(() => {
    for (const name of stale ? stale.split(',') : []) {
      void queryClient.invalidateQueries({
        queryKey: resourceObjectOptions(cluster, 'resourcequotas', namespace, name).queryKey,
      });
    }
  }, [stale, cluster, namespace, queryClient]);
  if (quotas.error) return <p className="text-sm text-slate-500 dark:text-slate-400">{quotas.error.message}</p>;
  if (!items.length)
    return (
      <p className="text-sm text-slate-400 dark:text-slate-500">
        {quotas.isLoading ? 'Loading…' : 'No quota limits this namespace.'}
      </p>
    );
  return (
    <div className="flex flex-col gap-3">
      {items.map((q, i) => {
        const obj = objects[i]?.data?.object;
        const table = obj ? quotaTables(obj)[0] : undefined;
        return (
          <div key={q.uid} data-testid="namespace-quota" data-name={q.name}>
            <Link
              href={routes.object(cluster, 'resourcequotas', namespace, q.name)}
              prefetch={false}
              className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
            >
              {q.name}
            </Link>
            {table ? <DetailTableView table={table} /> : <p className="text-sm text-slate-400">Loading…</p>}
          </div>
        );
      })}
    </div>
  );
}

export function NamespacePanel({ cluster, name }: KindPanelProps) {
  useLiveUpdates(LIVE_KINDS.map((k) => `${cluster}:${k}:${name}`));
  const now = useNow();
  const inNs = { namespaces: [name], limit: 1000 };
  const deployments = useResourceList(cluster, 'deployments', inNs);
  const statefulsets = useResourceList(cluster, 'statefulsets', inNs);
  const daemonsets = useResourceList(cluster, 'daemonsets', inNs);
  const jobs = useResourceList(cluster, 'jobs', { namespaces: [name], limit: 1 });
  const cronjobs = useResourceList(cluster, 'cronjobs', { namespaces: [name], limit: 1 });
  const pods = useResourceList(cluster, 'pods', { namespaces: [name], limit: 1 });
  const badPods = useResourceList(cluster, 'pods', {
    namespaces: [name],
    q: POD_NEEDS_ATTENTION_QUERY,
    limit: 1000,
  });
  const hpas = useResourceList(cluster, 'horizontalpodautoscalers', inNs);
  const quotas = useResourceList(cluster, 'resourcequotas', { namespaces: [name], limit: 50 });
  const items = attentionItems({
    deployments: deployments.data?.items ?? [],
    statefulsets: statefulsets.data?.items ?? [],
    daemonsets: daemonsets.data?.items ?? [],
    pods: badPods.data?.items ?? [],
    hpas: hpas.data?.items ?? [],
    certificates: [],
    now,
  });
  const count = (q: { data?: { total: number } }) => (q.data ? String(q.data.total) : '—');
  const workloads = [deployments, statefulsets, daemonsets, jobs, cronjobs];
  const workloadCount = workloads.every((q) => q.data)
    ? String(workloads.reduce((n, q) => n + (q.data?.total ?? 0), 0))
    : '—';
  const needing = items.filter((i) => i.severity !== 'info');
  const nearest = (quotas.data?.items ?? []).reduce<ResourceQuotaSummary | undefined>(
    (a, q) => (!a || q.highest > a.highest ? q : a),
    undefined,
  );
  const error = deployments.error ?? pods.error;
  return (
    <div className="flex flex-col gap-4" data-testid="namespace-panel">
      <StatTiles
        stats={[
          { label: 'Workloads', value: workloadCount },
          { label: 'Pods', value: count(pods) },
          {
            label: 'Need attention',
            value: deployments.data ? String(needing.length) : '—',
            alert: needing.length > 0,
          },
          {
            label: 'Quota nearest its limit',
            value: nearest?.highestResource ? `${Math.round(nearest.highest * 100)}% ${nearest.highestResource}` : '—',
            alert: (nearest?.highest ?? 0) >= 0.9,
          },
        ]}
      />
      <Section
        title="Needs attention"
        testId="namespace-attention"
        meta={`${items.length} item${items.length === 1 ? '' : 's'}`}
      >
        {error ? (
          <p className="text-sm text-red-700 dark:text-red-300">{error.message}</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            {deployments.isLoading ? 'Loading…' : 'Nothing needs attention here.'}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {items.map((i) => (
              <li key={`${i.kind}/${i.name}/${i.title}`} className="flex items-center gap-3 py-1.5 text-sm">
                <StatusBadge tone={SEVERITY_TONE[i.severity]}>{i.title}</StatusBadge>
                <Link
                  href={routes.object(cluster, i.kind, i.namespace, i.name)}
                  prefetch={false}
                  className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
                >
                  {i.name}
                </Link>
                <span className="truncate text-slate-600 dark:text-slate-300">{i.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Resource quotas" testId="namespace-quotas">
        <QuotaBars cluster={cluster} namespace={name} />
      </Section>
    </div>
  );
}
