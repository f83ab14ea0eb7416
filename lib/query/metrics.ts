import { queryOptions } from '@tanstack/react-query';

import type { MetricRange } from '@/lib/metrics/range';
import type { MetricsResult, MetricTargetKind, MetricTemplate } from '@/lib/metrics/types';
import { ApiError, apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';

// The metrics API through react-query. Prometheus data is not on the Kubernetes event stream, so
// charts refresh on a timer here, in the one options factory (STYLE.md rule 12's exception): about
// once per step, at most every 15 s. While Prometheus is unavailable the same timer is what notices
// it coming back.

export interface MetricsTarget {
  kind: MetricTargetKind;
  namespace: string;
  name: string;
}

export function metricsUrl(cluster: string, template: MetricTemplate, t: MetricsTarget, range: MetricRange): string {
  const qs = new URLSearchParams({ kind: t.kind, namespace: t.namespace, name: t.name, range });
  return `/api/metrics/${encodeURIComponent(cluster)}/${template}?${qs.toString()}`;
}

export function metricsOptions(cluster: string, template: MetricTemplate, t: MetricsTarget, range: MetricRange) {
  const url = metricsUrl(cluster, template, t, range);
  return queryOptions({
    queryKey: k8sKeys.metricsSeries(cluster, t, template, range),
    queryFn: ({ signal }) => apiFetch<MetricsResult>(url, { signal }),
    refetchInterval: (query) => Math.min(60_000, Math.max(15_000, (query.state.data?.plan.step ?? 15) * 1000)),
    // Forbidden and invalid answers will not change by retrying; Prometheus being down is retried by the interval.
    retry: false,
    placeholderData: (previous) => previous,
  });
}

/** True when the error means "Prometheus is not there" rather than "you may not" or a bug. */
export function isPrometheusMissing(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.kind === 'prometheus-unavailable' || error.kind === 'prometheus-not-configured')
  );
}
