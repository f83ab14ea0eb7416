'use client';

import { useQuery } from '@tanstack/react-query';

import type { KindPanelProps } from '@/components/kinds/types';
import { PodMetrics } from '@/components/charts/pod-metrics';
import { LogViewer } from '@/components/pods/log-viewer';
import { Section } from '@/components/resource/section';
import { useResourceList } from '@/components/resource/use-resource-list';
import { VisibleText } from '@/components/ui/visible-text';
import { podContainers, type PodObject } from '@/lib/k8s/kinds/pod-detail';
import { formatBytes, formatCpu, parseQuantity } from '@/lib/k8s/quantity';
import type { MetricsResult } from '@/lib/metrics/types';
import { isPrometheusMissing, metricsOptions } from '@/lib/query/metrics';

// The pod's own panel on the generic detail page: each container's usage now against its requests
// and limits, recent probe failures, logs of every container (init and sidecars included), and the
// pod's charts over time.

function latestByContainer(result: MetricsResult | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of result?.series ?? []) {
    const container = s.id.startsWith('usage:') ? s.id.slice('usage:'.length) : undefined;
    const last = s.points[s.points.length - 1];
    if (container && last) out.set(container, last[1]);
  }
  return out;
}

function UsageCell({
  used,
  request,
  limit,
  format,
}: {
  used?: number;
  request?: number;
  limit?: number;
  format: (n: number) => string;
}) {
  const against = limit ?? request;
  const pct = used !== undefined && against ? Math.round((used / against) * 100) : undefined;
  const tone = pct === undefined ? '' : pct >= 90 ? 'bg-red-500' : pct >= 75 ? 'bg-amber-500' : 'bg-emerald-500';
  return (
    <div className="flex flex-col gap-1">
      <span className="font-mono text-xs text-slate-700 dark:text-slate-200">
        {used === undefined ? 'no data' : format(used)} / req {request === undefined ? '—' : format(request)} / lim{' '}
        {limit === undefined ? '—' : format(limit)}
      </span>
      {pct !== undefined ? (
        <div
          className="h-1.5 w-32 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          role="meter"
          aria-valuenow={pct}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={`${pct}% of ${limit !== undefined ? 'limit' : 'request'}`}
          title={`${pct}% of ${limit !== undefined ? 'limit' : 'request'}`}
        >
          <div className={`h-full ${tone}`} style={{ width: `${Math.min(100, pct)}%` }} />
        </div>
      ) : null}
    </div>
  );
}

export function PodPanel({ cluster, namespace = '', name, object }: KindPanelProps) {
  const pod = object as unknown as PodObject;
  const containers = podContainers(pod);
  const target = { kind: 'pod' as const, namespace, name };
  const cpu = useQuery(metricsOptions(cluster, 'container-cpu', target, '15m'));
  const memory = useQuery(metricsOptions(cluster, 'container-memory', target, '15m'));
  const cpuNow = latestByContainer(cpu.data);
  const memNow = latestByContainer(memory.data);
  const events = useResourceList(cluster, 'events', { namespaces: [namespace], q: name, limit: 200 });
  const probeFailures = (events.data?.items ?? []).filter(
    (e) => e.involved.kind === 'Pod' && e.involved.name === name && e.reason === 'Unhealthy',
  );
  const metricsMissing = isPrometheusMissing(cpu.error) || isPrometheusMissing(memory.error);
  return (
    <>
      <Section title="Usage now" testId="container-usage" meta="last 15 min, from Prometheus">
        {metricsMissing ? (
          <p className="mb-2 text-sm text-slate-500 dark:text-slate-400">
            Prometheus is not available: requests and limits only.
          </p>
        ) : null}
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
            <tr>
              <th className="py-1 pr-4 font-medium">Container</th>
              <th className="py-1 pr-4 font-medium">CPU used / request / limit</th>
              <th className="py-1 font-medium">Memory used / request / limit</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {containers.map((c) => (
              <tr key={c.name} data-container={c.name}>
                <td className="py-1.5 pr-4 align-top">
                  <span className="font-medium text-slate-800 dark:text-slate-100">{c.name}</span>
                  {c.role !== 'app' ? <span className="ml-2 text-xs text-slate-500">{c.role}</span> : null}
                </td>
                <td className="py-1.5 pr-4">
                  <UsageCell
                    used={cpuNow.get(c.name)}
                    request={parseQuantity(c.spec.resources?.requests?.cpu)}
                    limit={parseQuantity(c.spec.resources?.limits?.cpu)}
                    format={formatCpu}
                  />
                </td>
                <td className="py-1.5">
                  <UsageCell
                    used={memNow.get(c.name)}
                    request={parseQuantity(c.spec.resources?.requests?.memory)}
                    limit={parseQuantity(c.spec.resources?.limits?.memory)}
                    format={formatBytes}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {probeFailures.length ? (
        <Section title="Recent probe failures" testId="probe-failures">
          <ul className="flex flex-col gap-1 text-sm">
            {probeFailures.slice(0, 10).map((e) => (
              <li key={e.uid} className="text-amber-800 dark:text-amber-300">
                <VisibleText text={e.message} /> {e.count && e.count > 1 ? <span>(×{e.count})</span> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title="Logs" testId="logs-section">
        <LogViewer
          cluster={cluster}
          namespace={namespace}
          pod={name}
          // kubectl's default first: the app containers, then sidecars and init containers.
          containers={[
            ...containers.filter((c) => c.role === 'app'),
            ...containers.filter((c) => c.role !== 'app'),
          ].map((c) => c.name)}
          restarted={containers.filter((c) => (c.status?.restartCount ?? 0) > 0).map((c) => c.name)}
        />
      </Section>
      <PodMetrics cluster={cluster} namespace={namespace} name={name} />
    </>
  );
}
