import type { KubeObject } from '@/lib/k8s/object';

// One plain descriptor per kind (STYLE.md rule 7): where it lives in the API, how it becomes a
// summary, how lists of it are searched and sorted. The server's cache, list API and stream, and the
// UI's tables all read the same descriptor.

export interface BaseSummary {
  uid: string;
  namespace?: string;
  name: string;
  resourceVersion: string;
  createdAt?: string;
  labels: Record<string, string>;
}

// Method syntax keeps comparators bivariant, so a KindDescriptor<PodSummary> is usable where any
// descriptor is expected (the cache and list code are generic over summaries).
export type Comparator<S> = { compare(a: S, b: S): number }['compare'];

export interface KindDescriptor<S extends BaseSummary = BaseSummary> {
  /** Route and API id, e.g. "pods", "deployments", "tls-secrets". */
  id: string;
  title: string;
  kind: string;
  /** '' for the core group. */
  group: string;
  /** Versions this descriptor understands, preferred first; discovery picks the first one served. */
  versions: readonly string[];
  plural: string;
  namespaced: boolean;
  /** Always sent with list and watch (e.g. type=kubernetes.io/tls for Secrets). */
  fieldSelector?: string;
  /** Which secondary indexes the cache keeps for this kind. */
  indexes: readonly ('owner' | 'node')[];
  toSummary(obj: KubeObject): S;
  /** Lower-case text the `q` filter matches against. */
  searchText(s: S): string;
  sorts: Record<string, Comparator<S>>;
  defaultSort: string;
  /** RBAC resource checked for reads, when not `plural` (e.g. tls-secrets are read as certificates). */
  accessResource?: { group: string; resource: string }[];
}

export const byName: Comparator<BaseSummary> = (a, b) =>
  (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);

/** Oldest first; callers reverse for "newest first". */
export const byAge: Comparator<BaseSummary> = (a, b) =>
  (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || byName(a, b);

export function baseSummary(obj: KubeObject): BaseSummary {
  const m = obj.metadata;
  return {
    uid: m.uid,
    namespace: m.namespace,
    name: m.name,
    resourceVersion: m.resourceVersion,
    createdAt: m.creationTimestamp,
    labels: m.labels ?? {},
  };
}

export function defaultSearchText(s: BaseSummary): string {
  return `${s.namespace ?? ''}/${s.name}`.toLowerCase();
}
