'use client';

import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { AXIS_TICK, GRID_STROKE, SERIES, TOOLTIP_STYLE } from '@/components/charts/chart-theme';
import { ChartFrame } from '@/components/charts/metric-chart';
import { useResourceList } from '@/components/resource/use-resource-list';
import { chartTime } from '@/lib/format/time';

// Without Prometheus there is no history to ask for: this chart records the HPA's replicas and its
// first metric from the live stream, for as long as the page is open.

interface Sample {
  t: number;
  current: number;
  desired: number;
  metric?: number;
}

const MAX_SAMPLES = 720;

export function HpaLiveHistory({ cluster, namespace, name }: { cluster: string; namespace: string; name: string }) {
  const list = useResourceList(cluster, 'horizontalpodautoscalers', { namespaces: [namespace], q: name });
  const hpa = list.data?.items.find((h) => h.name === name);
  const [samples, setSamples] = useState<Sample[]>([]);
  const [seen, setSeen] = useState<string>();
  // Record a sample whenever the stream brings a new version (state derived during render, not in an effect).
  const version = hpa ? `${hpa.resourceVersion}@${list.dataUpdatedAt}` : undefined;
  if (hpa && version !== seen) {
    setSeen(version);
    const metric = hpa.metrics.find((m) => m.currentPercent !== undefined)?.currentPercent;
    setSamples((prev) => [
      ...prev.slice(-(MAX_SAMPLES - 1)),
      { t: Math.floor(list.dataUpdatedAt / 1000), current: hpa.currentReplicas, desired: hpa.desiredReplicas, metric },
    ]);
  }
  const metricName = hpa?.metrics.find((m) => m.currentPercent !== undefined)?.name;

  return (
    <ChartFrame title="Replicas and metric while this page is open" testId="hpa-live-history">
      <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
        Prometheus unavailable: recording the autoscaler’s status from the live stream since this page opened (
        {samples.length} sample{samples.length === 1 ? '' : 's'}).
      </p>
      <div style={{ height: 200 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={samples} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(t: number) => new Date(t * 1000).toISOString().slice(11, 19)}
              tick={AXIS_TICK}
            />
            <YAxis yAxisId="replicas" allowDecimals={false} width={32} tick={AXIS_TICK} />
            <YAxis yAxisId="metric" orientation="right" width={40} unit="%" tick={AXIS_TICK} />
            <Tooltip {...TOOLTIP_STYLE} labelFormatter={(t) => chartTime(Number(t))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              yAxisId="replicas"
              dataKey="current"
              name="Current replicas"
              type="stepAfter"
              stroke={SERIES.violet}
              dot
              isAnimationActive={false}
            />
            <Line
              yAxisId="replicas"
              dataKey="desired"
              name="Desired replicas"
              type="stepAfter"
              stroke={SERIES.violetSoft}
              strokeDasharray="4 3"
              dot={false}
              isAnimationActive={false}
            />
            {metricName ? (
              <Line
                yAxisId="metric"
                dataKey="metric"
                name={`${metricName} %`}
                stroke={SERIES.blue}
                dot
                isAnimationActive={false}
              />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
