'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { HpaLiveHistory } from '@/components/autoscaling/hpa-live-history';
import { MetricChart } from '@/components/charts/metric-chart';
import { RangePicker } from '@/components/charts/range-picker';
import type { HpaMetricView } from '@/lib/k8s/status/hpa-status';
import { isPrometheusMissing, metricsOptions, type MetricsTarget } from '@/lib/query/metrics';
import { DEFAULT_METRIC_RANGE, type MetricRange } from '@/lib/metrics/range';

// An HPA over time. The local kube-state-metrics-like agent exports no HPA series, so the history
// comes from the target's pods: the number of pods (replicas) and their CPU/memory as % of requests,
// which is what a Resource-utilization HPA computes. Without Prometheus: the live stream.

const TARGET_KINDS: Record<string, MetricsTarget['kind']> = {
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
};

interface HpaChartsProps {
  cluster: string;
  namespace: string;
  name: string;
  target: { kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
  metrics: HpaMetricView[];
}

export function HpaCharts({ cluster, namespace, name, target, minReplicas, maxReplicas, metrics }: HpaChartsProps) {
  const [range, setRange] = useState<MetricRange>(DEFAULT_METRIC_RANGE);
  const kind = TARGET_KINDS[target.kind];
  const t: MetricsTarget = { kind: kind ?? 'deployment', namespace, name: target.name };
  const replicas = useQuery({ ...metricsOptions(cluster, 'replicas', t, range), enabled: kind !== undefined });
  const live = !kind || (isPrometheusMissing(replicas.error) && !replicas.data);

  return (
    <section className="flex flex-col gap-3" data-testid="hpa-charts">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">Over time</h2>
        {live ? null : <RangePicker value={range} onChange={setRange} />}
      </div>
      {live ? (
        <HpaLiveHistory cluster={cluster} namespace={namespace} name={name} />
      ) : (
        <div className="grid gap-3 lg:grid-cols-2">
          <MetricChart
            cluster={cluster}
            template="replicas"
            target={t}
            range={range}
            title={`Pods of ${target.kind} ${target.name}`}
            showRevisions
            references={[
              { value: minReplicas, label: `min ${minReplicas}` },
              { value: maxReplicas, label: `max ${maxReplicas}` },
            ]}
          />
          {metrics
            .filter((m) => m.chart)
            .map((m) => (
              <MetricChart
                key={m.name}
                cluster={cluster}
                template={m.chart ?? 'cpu-utilization'}
                target={t}
                range={range}
                title={`${m.name} utilization (% of requests)`}
                references={
                  m.targetPercent !== undefined ? [{ value: m.targetPercent, label: `target ${m.targetPercent}%` }] : []
                }
              />
            ))}
        </div>
      )}
    </section>
  );
}
