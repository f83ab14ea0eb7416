'use client';

import { useState } from 'react';

import { MetricChart } from '@/components/charts/metric-chart';
import { RangePicker } from '@/components/charts/range-picker';
import type { MetricsTarget } from '@/lib/query/metrics';
import { DEFAULT_METRIC_RANGE, type MetricRange } from '@/lib/metrics/range';

// One pod's CPU and memory against its requests and limits, and its container restarts.
// Mount on the pod detail page.

export function PodMetrics({ cluster, namespace, name }: { cluster: string; namespace: string; name: string }) {
  const [range, setRange] = useState<MetricRange>(DEFAULT_METRIC_RANGE);
  const target: MetricsTarget = { kind: 'pod', namespace, name };
  return (
    <section className="flex flex-col gap-3" data-testid="pod-metrics" aria-labelledby="pod-metrics-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="pod-metrics-title" className="text-base font-semibold text-slate-900 dark:text-slate-100">
          Metrics
        </h2>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <div className="grid gap-3 xl:grid-cols-3">
        <MetricChart cluster={cluster} template="cpu" target={target} range={range} title="CPU (cores)" />
        <MetricChart cluster={cluster} template="memory" target={target} range={range} title="Memory (working set)" />
        <MetricChart cluster={cluster} template="restarts" target={target} range={range} title="Container restarts" />
      </div>
    </section>
  );
}
