// The one query-key factory (STYLE.md rule 10). Cluster first, so a prefix invalidates a whole
// cluster, one kind in it, or all lists of that kind: ['k8s', cluster, kind, 'list', query].

/** List parameters as the list API takes them (see server/k8s/list-query.ts). */
export interface ListParams {
  namespaces?: readonly string[];
  labelSelector?: string;
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export const k8sKeys = {
  all: () => ['k8s'] as const,
  cluster: (cluster: string) => ['k8s', cluster] as const,
  kind: (cluster: string, kind: string) => ['k8s', cluster, kind] as const,
  lists: (cluster: string, kind: string) => ['k8s', cluster, kind, 'list'] as const,
  list: (cluster: string, kind: string, params: ListParams) => ['k8s', cluster, kind, 'list', params] as const,
  /** One object (GET /api/k8s/<cluster>/<kind>/<namespace>/<name>); namespace '_' for cluster-scoped kinds. */
  object: (cluster: string, kind: string, namespace: string, name: string) =>
    ['k8s', cluster, kind, 'object', namespace, name] as const,
};

/** The query string of the list API for these parameters. */
export function listSearchParams(params: ListParams): URLSearchParams {
  const sp = new URLSearchParams();
  if (params.namespaces?.length) sp.set('namespace', params.namespaces.join(','));
  if (params.labelSelector) sp.set('labelSelector', params.labelSelector);
  if (params.q) sp.set('q', params.q);
  if (params.sort) sp.set('sort', params.sort);
  if (params.order) sp.set('order', params.order);
  if (params.limit !== undefined) sp.set('limit', String(params.limit));
  if (params.offset !== undefined) sp.set('offset', String(params.offset));
  return sp;
}
