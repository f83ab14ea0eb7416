import 'server-only';

import { cacheTtlSeconds, METRIC_RANGES, planRange } from '@/lib/metrics/range';
import type { MetricSeries, MetricsQuery, MetricsResult } from '@/lib/metrics/types';
import type { Identity } from '@/server/auth/identity';
import { clusterConfig } from '@/server/k8s/clusters';
import { KubeError } from '@/server/k8s/errors';
import { cacheFor } from '@/server/k8s/registry';
import { promRangeQuery, type PromSeries } from '@/server/metrics/prometheus';
import { revisionMarkers } from '@/server/metrics/revisions';
import { scrapeIntervalSeconds } from '@/server/metrics/scrape-interval';
import { templateQueries, type SeriesQuery } from '@/server/metrics/templates';
import { TtlCache } from '@/server/metrics/ttl-cache';

// One metrics request: who may see it (the API server decides: `get pods` in that namespace, as the
// person), which PromQL the template builds, the step/window plan, a brief shared cache, and the
// rollout markers. Prometheus being absent or down is an expected state with its own error type,
// not a crash: pages keep working and say so.

/** Short: a chart that waits longer than this is worse than one that says Prometheus is slow. */
const QUERY_TIMEOUT_MS = 5_000;

export class PrometheusNotConfiguredError extends Error {
  constructor(cluster: string) {
    super(`Prometheus is not configured for cluster ${cluster}`);
    this.name = 'PrometheusNotConfiguredError';
  }
}

const KEY = Symbol.for('wheelhouse.metrics.cache');
type Holder = typeof globalThis & { [KEY]?: TtlCache<PromSeries[]> };

// On globalThis so dev-mode module reloads keep one cache.
function resultCache(): TtlCache<PromSeries[]> {
  const g = globalThis as Holder;
  g[KEY] ??= new TtlCache<PromSeries[]>(2_000);
  return g[KEY];
}

/** Throws KubeError 403 unless `who` may read pods in the namespace (what every metric is about). */
export async function assertMayReadMetrics(cluster: string, who: Identity, namespace: string): Promise<void> {
  const cache = cacheFor(cluster);
  if (!cache) throw new KubeError('not-found', `No such cluster: ${cluster}`, { status: 404 });
  const allowed = await cache.access.allowed(who, { verb: 'get', group: '', resource: 'pods', namespace });
  if (!allowed) {
    throw new KubeError('forbidden', `You may not read pods in namespace ${namespace}, so not their metrics either`, {
      status: 403,
    });
  }
}

function pointsOf(series: PromSeries | undefined): [number, number][] {
  const points: [number, number][] = [];
  for (const [t, v] of series?.values ?? []) {
    const n = Number(v);
    if (Number.isFinite(n)) points.push([t, n]);
  }
  return points;
}

function toSeries(q: SeriesQuery, result: PromSeries[]): MetricSeries[] {
  // A split query answers one series per label value; every other template aggregates to at most one.
  if (q.splitBy) {
    const by = q.splitBy;
    return result
      .map((r) => ({ value: r.metric[by] ?? '', points: pointsOf(r) }))
      .filter((r) => r.value)
      .sort((a, b) => (a.value < b.value ? -1 : 1))
      .map((r) => ({ id: `${q.id}:${r.value}`, label: `${q.label} (${r.value})`, points: r.points }));
  }
  return [{ id: q.id, label: q.label, points: pointsOf(result[0]) }];
}

export async function queryMetrics(
  cluster: string,
  who: Identity,
  q: MetricsQuery,
  now = Date.now(),
): Promise<MetricsResult> {
  await assertMayReadMetrics(cluster, who, q.namespace);
  const settings = clusterConfig(cluster)?.prometheus;
  if (!settings) throw new PrometheusNotConfiguredError(cluster);

  const target = { kind: q.kind, namespace: q.namespace, name: q.name };
  const scrapeSeconds = await scrapeIntervalSeconds(cluster, settings, QUERY_TIMEOUT_MS);
  const plan = planRange({
    rangeSeconds: METRIC_RANGES[q.range],
    points: q.points,
    scrapeSeconds,
    now: Math.floor(now / 1000),
  });
  const { unit, series } = templateQueries(q.template, target, plan.window);
  const ttlMs = cacheTtlSeconds(plan) * 1000;
  const cache = resultCache();
  const cacheRef = cacheFor(cluster);

  const [results, markers] = await Promise.all([
    Promise.all(
      series.map(async (s) => {
        const key = [cluster, s.promql, plan.start, plan.end, plan.step].join('\u0000');
        const result = await cache.get(
          key,
          ttlMs,
          () => promRangeQuery(settings, s.promql, plan, QUERY_TIMEOUT_MS),
          Date.now(),
          (r) => r.length > 0,
        );
        return toSeries(s, result);
      }),
    ),
    cacheRef && q.kind !== 'pod' ? revisionMarkers(cacheRef, who, target) : Promise.resolve([]),
  ]);
  return { template: q.template, unit, range: q.range, plan, scrapeSeconds, series: results.flat(), markers };
}
