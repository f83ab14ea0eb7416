import { queryOptions } from '@tanstack/react-query';

import type { MetricRange } from '@/lib/metrics/range';
import type { MetricsResult, MetricTargetKind, MetricTemplate } from '@/lib/metrics/types';
import { ApiError } from '@/lib/query/options';

// The metrics API through react-query. Prometheus data is not on the Kubernetes event stream, so
// charts refresh on a timer here, in the one options factory (STYLE.md rule 12's exception): about
// once per step, at most every 15 s. While Prometheus is unavailable the same timer is what notices
// it coming back.

export interface MetricsTarget {
  kind: MetricTargetKind;
  namespace: string;
  name: string;
}

export const metricsKeys = {
  all: () => ['metrics'] as const,
  cluster: (cluster: string) => ['metrics', cluster] as const,
  target: (cluster: string, t: MetricsTarget) => ['metrics', cluster, t.kind, t.namespace, t.name] as const,
  series: (cluster: string, t: MetricsTarget, template: MetricTemplate, range: MetricRange) =>
    ['metrics', cluster, t.kind, t.namespace, t.name, template, range] as const,
};

export function metricsUrl(cluster: string, template: MetricTemplate, t: MetricsTarget, range: MetricRange): string {
  const qs = new URLSearchParams({ kind: t.kind, namespace: t.namespace, name: t.name, range });
  return `/api/metrics/${encodeURIComponent(cluster)}/${template}?${qs.toString()}`;
}

async function fetchMetrics(url: string, signal: AbortSignal): Promise<MetricsResult> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' }, cache: 'no-store' });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as { error?: { kind?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      res.status,
      (error?.kind ?? 'unknown') as ApiError['kind'],
      error?.message ?? `Request failed (${res.status})`,
    );
  }
  return body as MetricsResult;
}

export function metricsOptions(cluster: string, template: MetricTemplate, t: MetricsTarget, range: MetricRange) {
  const url = metricsUrl(cluster, template, t, range);
  return queryOptions({
    queryKey: metricsKeys.series(cluster, t, template, range),
    queryFn: ({ signal }) => fetchMetrics(url, signal),
    refetchInterval: (query) => Math.min(60_000, Math.max(15_000, (query.state.data?.plan.step ?? 15) * 1000)),
    // Forbidden and invalid answers will not change by retrying; Prometheus being down is retried by the interval.
    retry: false,
    placeholderData: (previous) => previous,
  });
}

/** True when the error means "Prometheus is not there" rather than "you may not" or a bug. */
export function isPrometheusMissing(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (String(error.kind) === 'prometheus-unavailable' || String(error.kind) === 'prometheus-not-configured')
  );
}
