'use client';

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

import { chartTime } from '@/lib/format/time';
import { formatMetric, formatTick, groupMarkers, timeTicks } from '@/lib/metrics/format';
import type { MetricsResult } from '@/lib/metrics/types';

import { AXIS_TICK, GRID_STROKE, LABEL_FILL, REFERENCE_STROKE, SERIES, TOOLTIP_STYLE } from './chart-theme';

// The drawing of one metric chart (components/charts/metric-chart.tsx), in a module of its own so
// that recharts is loaded only where a chart is drawn (next/dynamic), never before a page's first paint.

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

interface MetricPlotProps {
  result: MetricsResult;
  height: number;
  /** Draw the workload's revision starts (rollout timeline). */
  showRevisions: boolean;
  /** Horizontal lines, e.g. an HPA's target utilization or its min/max replicas. */
  references: ReferenceValue[];
}

export function MetricPlot({ result, height, showRevisions, references }: MetricPlotProps) {
  const rows = rowsOf(result);
  const { start, end } = result.plan;
  const rangeSeconds = end - start;
  const markers = showRevisions ? result.markers.map((m) => ({ ...m, t: Math.floor(Date.parse(m.at) / 1000) })) : [];
  const visible = groupMarkers(
    markers.filter((m) => m.t >= start && m.t <= end).sort((a, b) => a.t - b.t),
    rangeSeconds / 40,
  );
  if (rows.length === 0) {
    return (
      <p className="grid place-items-center text-sm text-slate-500 dark:text-slate-400" style={{ height }}>
        No data in this range.
      </p>
    );
  }
  return (
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
  );
}
