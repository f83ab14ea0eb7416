import { queryOptions } from '@tanstack/react-query';

import type { KubeErrorSummary } from '@/lib/k8s/dto';
import type { KubeObject } from '@/lib/k8s/object';
import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import { k8sKeys, listSearchParams, type ListParams } from '@/lib/query/keys';

// Keys and fetchers meet only here (STYLE.md rule 11).

/** The JSON of GET /api/k8s/<cluster>/<kind>. */
export interface ResourceListResponse<S extends BaseSummary = BaseSummary> {
  items: S[];
  total: number;
  offset: number;
  limit: number;
  cache: { state: 'syncing' | 'ready' | 'stale' | 'stopped'; syncedAt?: string; error?: string };
  /** The live-stream position (event id) the list was read at. */
  stream?: string;
}

/** A failed API call, carrying the server's `{error: {kind, message}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: KubeErrorSummary['kind'] | 'unauthenticated',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function fetchJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' }, cache: 'no-store' });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as { error?: { kind?: ApiError['kind']; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, error?.kind ?? 'unknown', error?.message ?? `Request failed (${res.status})`);
  }
  return body as T;
}

export function resourceListOptions<S extends BaseSummary = BaseSummary>(
  cluster: string,
  kind: string,
  params: ListParams = {},
) {
  const qs = listSearchParams(params).toString();
  const url = `/api/k8s/${encodeURIComponent(cluster)}/${encodeURIComponent(kind)}${qs ? `?${qs}` : ''}`;
  return queryOptions({
    queryKey: k8sKeys.list(cluster, kind, params),
    queryFn: ({ signal }) => fetchJson<ResourceListResponse<S>>(url, signal),
  });
}

/** The JSON of GET /api/k8s/<cluster>/<kind>/<namespace>/<name>. */
export interface ResourceObjectResponse<S extends BaseSummary = BaseSummary> {
  object: KubeObject;
  summary: S;
}

export function resourceObjectOptions<S extends BaseSummary = BaseSummary>(
  cluster: string,
  kind: string,
  namespace: string,
  name: string,
) {
  const path = [cluster, kind, namespace || '_', name].map(encodeURIComponent).join('/');
  return queryOptions({
    queryKey: k8sKeys.object(cluster, kind, namespace || '_', name),
    queryFn: ({ signal }) => fetchJson<ResourceObjectResponse<S>>(`/api/k8s/${path}`, signal),
  });
}
