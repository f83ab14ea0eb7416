'use client';

import Link from 'next/link';

import { formatAge } from '@/lib/format/age';
import { toneOf } from '@/lib/k8s/kinds/workload-fields';
import {
  attentionItems,
  countsByNamespace,
  POD_NEEDS_ATTENTION_QUERY,
  type AttentionItem,
} from '@/lib/k8s/status/attention';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { useNow } from '@/components/resource/use-now';
import { useResourceList } from '@/components/resource/use-resource-list';
import { StatTiles } from '@/components/overview/stat-tiles';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { routes } from '@/lib/routes';

// The Overview as the signed-in person sees it: everything comes from the per-user list API (the
// shared cache filtered by their RBAC) and moves with the stream.

const ALL = { limit: 1000 };

function hrefOf(cluster: string, i: AttentionItem): string {
  // A TLS Secret has no page of its own: its certificate is a row of the Certificates list.
  if (i.kind === 'tls-secrets') return routes.kindList(cluster, 'tls-secrets');
  return routes.object(cluster, i.kind, i.namespace, i.name);
}

const SEVERITY_TONE = { critical: 'red', warning: 'amber', info: 'blue' } as const;

export function AttentionBoard({ cluster }: { cluster: string }) {
  // Not TLS Secrets: they are read as the person with no live feed (ADR 0013); a page load reads them.
  useLiveUpdates(
    ['deployments', 'statefulsets', 'daemonsets', 'pods', 'horizontalpodautoscalers'].map((k) => `${cluster}:${k}`),
  );
  const deployments = useResourceList(cluster, 'deployments', ALL);
  const statefulsets = useResourceList(cluster, 'statefulsets', ALL);
  const daemonsets = useResourceList(cluster, 'daemonsets', ALL);
  // The server filters by text: only pods whose status is classified bad cross the wire, not every pod.
  const crashing = useResourceList(cluster, 'pods', { q: POD_NEEDS_ATTENTION_QUERY, limit: 1000 });
  const hpas = useResourceList(cluster, 'horizontalpodautoscalers', ALL);
  const certs = useResourceList(cluster, 'tls-secrets', { limit: 1000, sort: 'expiry' });
  // Redraw when the youngest AGE on the board next changes its text.
  const now = useNow(
    [deployments, statefulsets, daemonsets, crashing].flatMap((l) => (l.data?.items ?? []).map((i) => i.createdAt)),
  );

  const failed = deployments.error ?? statefulsets.error;
  if (failed)
    return <ErrorPanel title="Cannot read the cluster" error={{ kind: 'unknown', message: failed.message }} />;
  const items = attentionItems({
    deployments: deployments.data?.items ?? [],
    statefulsets: statefulsets.data?.items ?? [],
    daemonsets: daemonsets.data?.items ?? [],
    pods: crashing.data?.items ?? [],
    hpas: hpas.data?.items ?? [],
    certificates: certs.data?.items ?? [],
    now,
  });
  const workloads = [
    ...(deployments.data?.items ?? []),
    ...(statefulsets.data?.items ?? []),
    ...(daemonsets.data?.items ?? []),
  ];
  const counts = countsByNamespace(workloads, items);
  const expiring = items.filter((i) => i.kind === 'tls-secrets').length;
  const loading = deployments.isLoading;

  return (
    <div className="flex flex-col gap-6">
      <StatTiles
        stats={[
          {
            label: 'Need attention',
            value: loading ? '—' : String(items.filter((i) => i.severity !== 'info').length),
            alert: items.some((i) => i.severity === 'critical'),
          },
          {
            label: 'Rollouts in progress',
            value: loading ? '—' : String(items.filter((i) => i.title === 'Rolling out').length),
          },
          { label: 'Workloads', value: loading ? '—' : String(workloads.length) },
          {
            label: 'Certificates expiring < 30 d',
            value: certs.isLoading ? '—' : String(expiring),
            alert: expiring > 0,
          },
        ]}
      />
      <Card title="Needs attention" meta={`${items.length} items`} testId="attention-card">
        {items.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">
            {loading ? 'Loading…' : 'Nothing needs attention.'}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="attention-list">
            {items.map((i) => (
              <li
                key={`${i.kind}/${i.namespace}/${i.name}/${i.title}`}
                className="flex items-center gap-3 px-4 py-2 text-sm"
                data-testid="attention-item"
              >
                <StatusBadge tone={SEVERITY_TONE[i.severity]}>{i.title}</StatusBadge>
                <Link
                  href={hrefOf(cluster, i)}
                  prefetch={false}
                  className="font-medium text-slate-900 dark:text-slate-100 hover:text-sky-700 dark:hover:text-sky-300 hover:underline"
                >
                  {i.namespace ? `${i.namespace}/` : ''}
                  {i.name}
                </Link>
                <span className="min-w-0 flex-1 truncate text-slate-500 dark:text-slate-400" title={i.detail}>
                  {i.detail}
                </span>
                {i.title === 'Rollout stuck' ? (
                  // The abort (and its permission check) lives in the detail page's actions panel;
                  // the anchor lands there instead of duplicating the action here.
                  <Link
                    href={`${hrefOf(cluster, i)}#workload-actions`}
                    prefetch={false}
                    className="shrink-0 text-sky-700 dark:text-sky-400 hover:underline"
                  >
                    Rollout history and actions →
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {expiring > 0 ? (
          <p className="border-t border-slate-100 dark:border-slate-800 px-4 py-2 text-sm">
            <Link
              href={routes.kindList(cluster, 'certificates')}
              prefetch={false}
              className="text-sky-700 dark:text-sky-400 hover:underline"
            >
              {expiring} certificates expire within 30 days or have expired →
            </Link>
          </p>
        ) : null}
      </Card>
      <Card title="Namespaces" meta={`${counts.length} with workloads you may read`} testId="namespaces-card">
        <ul className="-mb-px grid grid-cols-1 sm:grid-cols-2 xl:grid-cols-3">
          {counts.map((c) => (
            <li
              key={c.namespace}
              className="flex items-center justify-between gap-3 border-b border-slate-100 dark:border-slate-800 px-4 py-2.5"
            >
              <Link
                href={routes.section(cluster, 'workloads', { namespace: c.namespace })}
                prefetch={false}
                className="truncate font-mono text-sm text-slate-800 dark:text-slate-200 hover:underline"
                data-testid="namespace-name"
              >
                {c.namespace}
              </Link>
              <span className="flex shrink-0 items-center gap-3 text-xs text-slate-500 dark:text-slate-400 tabular-nums">
                <span>{c.workloads} workloads</span>
                {c.attention ? <StatusBadge tone="amber">{c.attention} need attention</StatusBadge> : null}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Deployments" meta={`${deployments.data?.total ?? 0} total`} testId="deployments-card">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="deployments-table">
            <thead className="bg-slate-50 dark:bg-slate-800/40 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
              <tr>
                {['Namespace', 'Name', 'Status', 'Ready', 'Up-to-date', 'Available', 'Age'].map((c) => (
                  <th key={c} scope="col" className="px-4 py-2 whitespace-nowrap">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {(deployments.data?.items ?? []).map((d) => (
                <tr key={d.uid} className="hover:bg-slate-50 dark:hover:bg-slate-800/60">
                  <td className="px-4 py-2 text-slate-600 dark:text-slate-400">{d.namespace}</td>
                  <td className="px-4 py-2 font-medium">
                    <Link
                      href={routes.object(cluster, 'deployments', d.namespace, d.name)}
                      prefetch={false}
                      className="hover:text-sky-700 dark:hover:text-sky-300 hover:underline"
                    >
                      {d.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <StatusBadge tone={toneOf(d.status)} title={d.statusMessage}>
                      {d.status}
                    </StatusBadge>
                  </td>
                  <td className="px-4 py-2 tabular-nums">{d.ready}</td>
                  <td className="px-4 py-2 tabular-nums">{d.upToDate}</td>
                  <td className="px-4 py-2 tabular-nums">{d.available}</td>
                  <td className="px-4 py-2 tabular-nums text-slate-600 dark:text-slate-400">
                    {formatAge(d.createdAt, now)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
