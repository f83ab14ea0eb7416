'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { MetricChart } from '@/components/charts/metric-chart';
import { RangePicker } from '@/components/charts/range-picker';
import { metricsOptions, type MetricsTarget } from '@/lib/query/metrics';
import { DEFAULT_METRIC_RANGE, type MetricRange } from '@/lib/metrics/range';
import { Timestamp } from '@/components/ui/timestamp';

// A workload's CPU, memory and restarts over time, summed over its pods, with each revision's start
// marked on every chart: the rollout timeline, so an operator sees what a release changed before
// rolling it back. Mount on a Deployment/StatefulSet/DaemonSet detail page.

export interface WorkloadMetricsProps {
  cluster: string;
  kind: 'deployment' | 'statefulset' | 'daemonset';
  namespace: string;
  name: string;
}

function RevisionList({ cluster, target, range }: { cluster: string; target: MetricsTarget; range: MetricRange }) {
  // Same query as the CPU chart: react-query shares it, no second request.
  const { data } = useQuery(metricsOptions(cluster, 'cpu', target, range));
  const markers = data?.markers ?? [];
  if (!markers.length) return null;
  const start = data?.plan.start ?? 0;
  return (
    <ol
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400"
      data-testid="revision-markers"
      aria-label="Revisions"
    >
      {markers.map((m) => {
        const inRange = Date.parse(m.at) / 1000 >= start;
        return (
          <li
            key={m.name}
            data-testid="revision-marker"
            className={inRange ? '' : 'text-slate-400 dark:text-slate-500'}
          >
            <span className="font-semibold text-violet-700 dark:text-violet-300">rev {m.revision}</span>{' '}
            <Timestamp iso={m.at} />
            {m.changeCause ? <span> — {m.changeCause}</span> : null}
            {inRange ? null : <span> (before this range)</span>}
          </li>
        );
      })}
    </ol>
  );
}

export function WorkloadMetrics({ cluster, kind, namespace, name }: WorkloadMetricsProps) {
  const [range, setRange] = useState<MetricRange>(DEFAULT_METRIC_RANGE);
  const target: MetricsTarget = { kind, namespace, name };
  return (
    <section className="flex flex-col gap-3" data-testid="workload-metrics" aria-labelledby="workload-metrics-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="workload-metrics-title" className="text-base font-semibold text-slate-900 dark:text-slate-100">
          Rollout timeline
        </h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        CPU, memory and restarts of all pods of this {kind}, against their requests and limits; violet lines mark when
        each revision started.
      </p>
      <RevisionList cluster={cluster} target={target} range={range} />
      <div className="grid gap-3 xl:grid-cols-3" data-testid="rollout-timeline">
        <MetricChart cluster={cluster} template="cpu" target={target} range={range} title="CPU (cores)" showRevisions />
        <MetricChart
          cluster={cluster}
          template="memory"
          target={target}
          range={range}
          title="Memory (working set)"
          showRevisions
        />
        <MetricChart
          cluster={cluster}
          template="restarts"
          target={target}
          range={range}
          title="Container restarts"
          showRevisions
        />
      </div>
    </section>
  );
}
