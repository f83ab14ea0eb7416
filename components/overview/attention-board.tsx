'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { formatAge } from '@/lib/format/age';
import type { AttentionSummary } from '@/lib/k8s/attention-summary';
import type { DeploymentListItem } from '@/lib/k8s/kinds/deployments';
import { toneOf } from '@/lib/k8s/kinds/workload-fields';
import { POD_NEEDS_ATTENTION_QUERY, type AttentionCategory, type AttentionItem } from '@/lib/k8s/status/attention';
import { ATTENTION_LIVE_KINDS, attentionOptions, OVERVIEW_DEPLOYMENTS_PARAMS } from '@/lib/query/attention';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { useNow } from '@/components/resource/use-now';
import { useResourceList } from '@/components/resource/use-resource-list';
import { StatTiles } from '@/components/overview/stat-tiles';
import { Card } from '@/components/ui/card';
import { ErrorPanel } from '@/components/ui/error-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { routes } from '@/lib/routes';

// The Overview as the signed-in person sees it. "Needs attention" is computed on the server from the
// shared cache, filtered by their RBAC, and bounded: counts per category and the first items of each
// (GET /api/k8s/<cluster>/attention, ADR 0023). The stream's changes of the kinds it is built from
// refetch it, batched; the Deployments card is the first page of the list API, patched live.

function hrefOf(cluster: string, i: AttentionItem): string {
  // A TLS Secret has no page of its own: its certificate is a row of the Certificates list.
  if (i.kind === 'tls-secrets') return routes.kindList(cluster, 'tls-secrets');
  return routes.object(cluster, i.kind, i.namespace, i.name);
}

const SEVERITY_TONE = { critical: 'red', warning: 'amber', info: 'blue' } as const;

/** The order the card shows categories in, what the rest is called and where the whole list is. */
const CATEGORIES: { id: AttentionCategory; rest: string; href: (cluster: string) => string }[] = [
  { id: 'stuck', rest: 'stuck rollouts', href: (c) => routes.kindList(c, 'deployments', { q: 'stuck' }) },
  {
    id: 'pods',
    rest: 'failing pods',
    href: (c) => routes.kindList(c, 'pods', { q: POD_NEEDS_ATTENTION_QUERY }),
  },
  { id: 'unavailable', rest: 'workloads not fully available', href: (c) => routes.kindList(c, 'deployments') },
  { id: 'autoscalers', rest: 'autoscalers', href: (c) => routes.kindList(c, 'horizontalpodautoscalers') },
  { id: 'certificates', rest: 'certificates', href: (c) => routes.kindList(c, 'certificates') },
  {
    id: 'rolling',
    rest: 'rollouts in progress',
    href: (c) => routes.kindList(c, 'deployments', { q: 'progressing' }),
  },
];

export function AttentionBoard({ cluster }: { cluster: string }) {
  // Not TLS Secrets: they are read as the person with no live feed (ADR 0013); a page load reads them.
  useLiveUpdates(ATTENTION_LIVE_KINDS.map((k) => `${cluster}:${k}`));
  const attention = useQuery(attentionOptions(cluster));
  const deployments = useResourceList<'deployments', DeploymentListItem>(
    cluster,
    'deployments',
    OVERVIEW_DEPLOYMENTS_PARAMS,
  );
  // Redraw when the youngest AGE on the board next changes its text.
  const now = useNow((deployments.data?.items ?? []).map((d) => d.createdAt));

  const failed = attention.error ?? deployments.error;
  if (failed)
    return <ErrorPanel title="Cannot read the cluster" error={{ kind: 'unknown', message: failed.message }} />;
  const a: AttentionSummary | undefined = attention.data;
  const loading = !a;
  const shown = a ? CATEGORIES.reduce((n, c) => n + a.categories[c.id].count, 0) : 0;
  const expiring = a?.categories.certificates.count ?? 0;
  const deploymentRows = deployments.data?.items ?? [];
  const deploymentTotal = deployments.data?.total ?? 0;

  return (
    <div className="flex flex-col gap-6">
      <StatTiles
        stats={[
          { label: 'Need attention', value: a ? String(a.needAttention) : '—', alert: a?.critical },
          { label: 'Rollouts in progress', value: a ? String(a.categories.rolling.count) : '—' },
          { label: 'Workloads', value: a ? String(a.workloads) : '—' },
          { label: 'Certificates expiring < 30 d', value: a ? String(expiring) : '—', alert: expiring > 0 },
        ]}
      />
      <Card title="Needs attention" meta={`${shown} items`} testId="attention-card">
        {a?.stale.length ? (
          <p className="border-b border-amber-100 bg-amber-50 px-4 py-2 text-sm text-amber-800 dark:border-amber-900/40 dark:bg-amber-950/40 dark:text-amber-200">
            May be out of date: the watch of {a.stale.join(', ')} is failing; the last known state is shown.
          </p>
        ) : null}
        {shown === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">
            {loading ? 'Loading…' : 'Nothing needs attention.'}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="attention-list">
            {CATEGORIES.flatMap((c) => {
              const cat = a!.categories[c.id];
              const rows = cat.items.map((i) => (
                <AttentionRow key={`${i.kind}/${i.namespace}/${i.name}/${i.title}`} cluster={cluster} item={i} />
              ));
              const more = cat.count - cat.items.length;
              if (more > 0)
                rows.push(
                  <li key={`${c.id}-more`} className="px-4 py-2 text-sm" data-testid="attention-more">
                    <Link
                      href={c.href(cluster)}
                      prefetch={false}
                      className="text-sky-700 dark:text-sky-400 hover:underline"
                    >
                      and {more} more {c.rest} →
                    </Link>
                  </li>,
                );
              return rows;
            })}
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
        {a?.problems.length ? (
          <ul className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
            {a.problems.map((p) => (
              <li key={p}>Not included — {p}</li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Card title="Namespaces" meta={`${a?.namespacesTotal ?? 0} with workloads you may read`} testId="namespaces-card">
        <ul className="-mb-px grid grid-cols-1 sm:grid-cols-2 xl:grid-cols-3">
          {(a?.namespaces ?? []).map((c) => (
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
        {a && a.namespacesTotal > a.namespaces.length ? (
          <p className="border-t border-slate-100 dark:border-slate-800 px-4 py-2 text-sm">
            <Link
              href={routes.kindList(cluster, 'namespaces')}
              prefetch={false}
              className="text-sky-700 dark:text-sky-400 hover:underline"
            >
              and {a.namespacesTotal - a.namespaces.length} more namespaces →
            </Link>
          </p>
        ) : null}
      </Card>
      <Card title="Deployments" meta={`${deploymentTotal} total`} testId="deployments-card">
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
              {deploymentRows.map((d) => (
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
        {deploymentTotal > deploymentRows.length ? (
          <p className="border-t border-slate-100 dark:border-slate-800 px-4 py-2 text-sm">
            <Link
              href={routes.kindList(cluster, 'deployments')}
              prefetch={false}
              className="text-sky-700 dark:text-sky-400 hover:underline"
            >
              All {deploymentTotal} Deployments →
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}

function AttentionRow({ cluster, item: i }: { cluster: string; item: AttentionItem }) {
  return (
    <li className="flex items-center gap-3 px-4 py-2 text-sm" data-testid="attention-item">
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
  );
}
