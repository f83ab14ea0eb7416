'use client';

import { useQuery } from '@tanstack/react-query';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { formatMetric, formatTick, groupMarkers, timeTicks } from '@/lib/metrics/format';
import { isPrometheusMissing, metricsOptions, type MetricsTarget } from '@/lib/query/metrics';
import type { MetricRange } from '@/lib/metrics/range';
import type { MetricsResult, MetricTemplate } from '@/lib/metrics/types';

import { AXIS_TICK, GRID_STROKE, LABEL_FILL, REFERENCE_STROKE, SERIES, TOOLTIP_STYLE } from './chart-theme';
import { chartTime } from '@/lib/format/time';

// One chart of one template for one pod or workload: usage against requests and limits, with the
// workload's revision starts marked (the rollout timeline). Fetches its own series; the server
// built the PromQL. A missing Prometheus is a message in the chart's place, not an error page.

const COLORS: Record<string, { stroke: string; dash?: string }> = {
  usage: { stroke: SERIES.blue },
  requests: { stroke: SERIES.green, dash: '6 3' },
  limits: { stroke: SERIES.red, dash: '2 3' },
  restarts: { stroke: SERIES.amber },
  replicas: { stroke: SERIES.violet },
  utilization: { stroke: SERIES.blue },
};

export interface ReferenceValue {
  value: number;
  label: string;
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

type Row = { t: number } & Record<string, number>;

function rowsOf(result: MetricsResult): Row[] {
  const byT = new Map<number, Row>();
  for (const s of result.series) {
    for (const [t, v] of s.points) {
      const row = byT.get(t) ?? { t };
      row[s.id] = v;
      byT.set(t, row);
    }
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
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
  const { cluster, template, target, range, title, showRevisions, references = [], height = 200 } = props;
  const query = useQuery(metricsOptions(cluster, template, target, range));

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
        <div className="animate-pulse rounded bg-slate-100 dark:bg-slate-800" style={{ height }} aria-label="Loading" />
      </ChartFrame>
    );
  }

  const result = query.data;
  const rows = rowsOf(result);
  const { start, end } = result.plan;
  const rangeSeconds = end - start;
  const markers = showRevisions ? result.markers.map((m) => ({ ...m, t: Math.floor(Date.parse(m.at) / 1000) })) : [];
  const visible = groupMarkers(
    markers.filter((m) => m.t >= start && m.t <= end).sort((a, b) => a.t - b.t),
    rangeSeconds / 40,
  );

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
      {rows.length === 0 ? (
        <p className="grid place-items-center text-sm text-slate-500 dark:text-slate-400" style={{ height }}>
          No data in this range.
        </p>
      ) : (
        <div style={{ height }} data-testid="chart-plot">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                domain={[start, end]}
                scale="time"
                ticks={timeTicks(start, end)}
                tickFormatter={(t: number) => formatTick(t, rangeSeconds)}
                tick={AXIS_TICK}
              />
              <YAxis
                width={56}
                tickFormatter={(v: number) => formatMetric(v, result.unit)}
                tick={AXIS_TICK}
                allowDecimals={result.unit !== 'count'}
              />
              <Tooltip
                {...TOOLTIP_STYLE}
                labelFormatter={(t) => chartTime(Number(t))}
                formatter={(v) => formatMetric(Number(v), result.unit)}
              />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {result.series.map((s) => (
                <Line
                  key={s.id}
                  dataKey={s.id}
                  name={s.label}
                  type={result.unit === 'count' ? 'stepAfter' : 'monotone'}
                  stroke={COLORS[s.id]?.stroke ?? SERIES.slate}
                  strokeDasharray={COLORS[s.id]?.dash}
                  dot={false}
                  strokeWidth={s.id === 'usage' || s.id === 'utilization' ? 2 : 1.5}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
              {references.map((r) => (
                <ReferenceLine
                  key={r.label}
                  y={r.value}
                  stroke={REFERENCE_STROKE}
                  strokeDasharray="4 4"
                  label={{ value: r.label, fontSize: 11, fill: LABEL_FILL, position: 'insideTopRight' }}
                />
              ))}
              {visible.map((m) => (
                <ReferenceLine
                  key={m.key}
                  x={m.t}
                  stroke={SERIES.violet}
                  label={{ value: m.label, fontSize: 11, fill: SERIES.violet, position: 'top' }}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartFrame>
  );
}
