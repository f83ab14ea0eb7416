// Time ranges and the step/rate-window arithmetic of range queries (REFERENCE.md "Prometheus").
// Pure: the server plans queries with it, the charts label their axes with the same numbers.
// See docs/adr/0003-prometheus-metrics.md for why these numbers.

export const METRIC_RANGES = {
  '15m': 15 * 60,
  '1h': 60 * 60,
  '6h': 6 * 60 * 60,
  '24h': 24 * 60 * 60,
  '7d': 7 * 24 * 60 * 60,
} as const;

export type MetricRange = keyof typeof METRIC_RANGES;

export const METRIC_RANGE_IDS = Object.keys(METRIC_RANGES) as MetricRange[];

export const DEFAULT_METRIC_RANGE: MetricRange = '1h';

/** Prometheus refuses range queries that would return more than 11,000 points per series. */
export const PROMETHEUS_MAX_POINTS = 11_000;

/** Points a chart asks for by default: about one per 3 px of a typical chart width. */
export const DEFAULT_POINTS = 240;

export interface RangePlan {
  /** Unix seconds, aligned to `step`, so that everyone asking within one step shares a cache entry. */
  start: number;
  end: number;
  /** Seconds between points. */
  step: number;
  /** Seconds of the rate()/increase() window. */
  window: number;
}

export interface PlanInput {
  rangeSeconds: number;
  /** Wanted number of points (the chart's width in samples). */
  points: number;
  /** The Prometheus scrape interval in seconds. */
  scrapeSeconds: number;
  /** Unix seconds. */
  now: number;
}

/**
 * step = max(scrape, range / points), rounded up to whole seconds and raised further if the range
 * would still exceed Prometheus' point limit; window = max(step + scrape, 4 × scrape), so every
 * window holds at least two samples (rate needs two) even when a scrape is missed, and consecutive
 * windows overlap instead of skipping samples.
 */
export function planRange({ rangeSeconds, points, scrapeSeconds, now }: PlanInput): RangePlan {
  const scrape = Math.max(1, Math.ceil(scrapeSeconds));
  const wanted = Math.max(1, Math.floor(points));
  let step = Math.max(scrape, Math.ceil(rangeSeconds / wanted));
  // range/step + 1 points are returned (both ends inclusive).
  while (rangeSeconds / step + 1 > PROMETHEUS_MAX_POINTS) step++;
  const end = Math.floor(now / step) * step;
  return { start: end - rangeSeconds, end, step, window: Math.max(step + scrape, 4 * scrape) };
}

/** How long a range answer may be served from the server's cache: about one step, 5–60 s. */
export function cacheTtlSeconds(plan: Pick<RangePlan, 'step'>): number {
  return Math.min(60, Math.max(5, plan.step));
}
