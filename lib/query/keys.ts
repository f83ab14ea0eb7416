import type { MetricRange } from '@/lib/metrics/range';
import type { MetricTargetKind, MetricTemplate } from '@/lib/metrics/types';

// The one query-key factory (STYLE.md rule 10). Cluster first, so a prefix invalidates a whole
// cluster, one kind in it, or all lists of that kind: ['k8s', cluster, kind, 'list', query].
// Everything else a page reads about a cluster sits under the same ['k8s', cluster] prefix: a
// kind's derived views under the kind (so a stream `resync` of the kind refreshes them too), and
// elevation, metrics and audit under names no kind id can take (kind ids are plurals, CRDs
// `<plural>.<group>`). Options factories (lib/query/*.ts) are the only users of these keys.

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
  /** The actions view of one workload (GET …/actions): under its kind, refreshed by the kind's resync. */
  actions: (cluster: string, kind: string, namespace: string, name: string) =>
    ['k8s', cluster, kind, 'actions', namespace, name] as const,
  /** Rollback completeness of one revision (GET …/rollback-check?toRevision=N). */
  rollbackCheck: (cluster: string, kind: string, namespace: string, name: string, toRevision: number) =>
    ['k8s', cluster, kind, 'rollback-check', namespace, name, toRevision] as const,
  /** The custom kinds (CRDs) the person may list: `_kinds` is no kind id (ids have no underscore). */
  customKinds: (cluster: string) => ['k8s', cluster, '_kinds'] as const,
  /** The certificates screen: cert-manager's kinds joined with TLS Secrets and Ingresses. */
  certificateHealth: (cluster: string) => ['k8s', cluster, 'certificates', 'health'] as const,
  /** The person's elevation (just-in-time write access) on a cluster. */
  elevation: (cluster: string) => ['k8s', cluster, 'elevation'] as const,
  metrics: (cluster: string) => ['k8s', cluster, 'metrics'] as const,
  metricsTarget: (cluster: string, t: { kind: MetricTargetKind; namespace: string; name: string }) =>
    ['k8s', cluster, 'metrics', t.kind, t.namespace, t.name] as const,
  metricsSeries: (
    cluster: string,
    t: { kind: MetricTargetKind; namespace: string; name: string },
    template: MetricTemplate,
    range: MetricRange,
  ) => ['k8s', cluster, 'metrics', t.kind, t.namespace, t.name, template, range] as const,
  /** "Why can't I …?" for one request (a person's access; `why` is no kind id: ids are plurals). */
  why: (cluster: string, q: Readonly<Record<string, string | undefined>>) => ['k8s', cluster, 'why', q] as const,
  /** The Activity page's audit entries. */
  audit: (cluster: string) => ['k8s', cluster, 'audit'] as const,
  auditPage: (cluster: string, params: Readonly<Record<string, string | undefined>>) =>
    ['k8s', cluster, 'audit', params] as const,
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
