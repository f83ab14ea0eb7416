'use client';

import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';

import { isPrometheusMissing, metricsOptions, type MetricsTarget } from '@/lib/query/metrics';
import type { MetricRange } from '@/lib/metrics/range';
import type { MetricTemplate } from '@/lib/metrics/types';

import type { ReferenceValue } from './metric-plot';

// One chart of one template for one pod or workload: usage against requests and limits, with the
// workload's revision starts marked (the rollout timeline). Fetches its own series; the server
// built the PromQL. A missing Prometheus is a message in the chart's place, not an error page.
// The plot (recharts, ~400 kB of script) is loaded on its own (React.lazy) when a chart mounts: no
// page waits for it to paint or hydrate, and its series come from the browser anyway (ADR 0018).

export type { ReferenceValue } from './metric-plot';

const loadPlot = () => import('./metric-plot');

const MetricPlot = lazy(() => loadPlot().then((m) => ({ default: m.MetricPlot })));

function PlotSkeleton({ height }: { height: number }) {
  return (
    <div className="animate-pulse rounded bg-slate-100 dark:bg-slate-800" style={{ height }} aria-label="Loading" />
  );
}

interface MetricChartProps {
  cluster: string;
  template: MetricTemplate;
  target: MetricsTarget;
  range: MetricRange;
  title: string;
  /** Draw the workload's revision starts (rollout timeline). */
  showRevisions?: boolean;
  /** Horizontal lines, e.g. an HPA's target utilization or its min/max replicas. */
  references?: ReferenceValue[];
  height?: number;
}

export function ChartFrame({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <figure
      className="rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 p-3 shadow-sm"
      data-testid={testId ?? 'metric-chart'}
      aria-label={title}
    >
      <figcaption className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</figcaption>
      {children}
    </figure>
  );
}

export function MetricChart(props: MetricChartProps) {
  const { cluster, template, target, range, title, showRevisions = false, references = [], height = 200 } = props;
  const query = useQuery(metricsOptions(cluster, template, target, range));
  // The plot's script downloads while the series are asked for, not after they arrive.
  useEffect(() => {
    void loadPlot();
  }, []);

  if (query.isError && !query.data) {
    const missing = isPrometheusMissing(query.error);
    return (
      <ChartFrame title={title}>
        <p
          role="status"
          data-testid={missing ? 'prometheus-unavailable' : 'metrics-error'}
          className="grid place-items-center text-sm text-slate-500 dark:text-slate-400"
          style={{ height }}
        >
          {missing ? 'Prometheus unavailable — charts return when it answers again.' : query.error.message}
        </p>
      </ChartFrame>
    );
  }
  if (!query.data) {
    return (
      <ChartFrame title={title}>
        <PlotSkeleton height={height} />
      </ChartFrame>
    );
  }

  return (
    <ChartFrame title={title}>
      {query.isError ? (
        <p
          role="status"
          data-testid="prometheus-unavailable"
          className="mb-1 text-xs text-amber-700 dark:text-amber-300"
        >
          Prometheus unavailable — showing the last answer.
        </p>
      ) : null}
      <Suspense fallback={<PlotSkeleton height={height} />}>
        <MetricPlot result={query.data} height={height} showRevisions={showRevisions} references={references} />
      </Suspense>
    </ChartFrame>
  );
}
