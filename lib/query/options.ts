import { queryOptions } from '@tanstack/react-query';

import type { SummaryOf } from '@/lib/k8s/kinds';
import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import type { ResourceListResponse } from '@/lib/k8s/list-response';
import type { KubeObject } from '@/lib/k8s/object';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys, listSearchParams, type ListParams } from '@/lib/query/keys';

// Keys and fetchers meet only here, in lib/query (STYLE.md rule 11). A server component prefetches
// with these same options, swapping only the queryFn for a direct call as the person
// (server/query/prefetch.ts; ADR 0018).

export function resourceListUrl(cluster: string, kind: string, params: ListParams = {}): string {
  const qs = listSearchParams(params).toString();
  return `/api/k8s/${encodeURIComponent(cluster)}/${encodeURIComponent(kind)}${qs ? `?${qs}` : ''}`;
}

/** A kind's list page; the summary type follows from the kind id (SummaryOf), never picked by hand. */
export function resourceListOptions<K extends string, S extends BaseSummary = SummaryOf<K>>(
  cluster: string,
  kind: K,
  params: ListParams = {},
) {
  const url = resourceListUrl(cluster, kind, params);
  return queryOptions({
    queryKey: k8sKeys.list(cluster, kind, params),
    queryFn: ({ signal }) => apiFetch<ResourceListResponse<S>>(url, { signal }),
  });
}

/** The JSON of GET /api/k8s/<cluster>/<kind>/<namespace>/<name>. */
export interface ResourceObjectResponse<S extends BaseSummary = BaseSummary> {
  object: KubeObject;
  summary: S;
}

export function resourceObjectOptions<K extends string, S extends BaseSummary = SummaryOf<K>>(
  cluster: string,
  kind: K,
  namespace: string,
  name: string,
) {
  const path = [cluster, kind, namespace || '_', name].map(encodeURIComponent).join('/');
  return queryOptions({
    queryKey: k8sKeys.object(cluster, kind, namespace || '_', name),
    queryFn: ({ signal }) => apiFetch<ResourceObjectResponse<S>>(`/api/k8s/${path}`, { signal }),
  });
}
