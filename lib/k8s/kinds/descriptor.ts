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

export type CellTone = 'green' | 'blue' | 'amber' | 'red' | 'slate';

/** One table column beyond namespace and name; the generic table renders it (components/resource). */
export interface Column<S> {
  id: string;
  title: string;
  /** badge: value + tone; age: an ISO time shown as kubectl's AGE; images: a list of references. */
  cell: 'text' | 'mono' | 'number' | 'badge' | 'age' | 'images';
  value(s: S): string | number | readonly string[] | undefined;
  /** Text that depends on the viewer's clock (a running Job's DURATION, RESTARTS "(3m ago)"). */
  display?(s: S, now: string): string;
  tone?(s: S): CellTone;
  /** Tooltip, e.g. a status message. */
  hint?(s: S): string | undefined;
  /** The `sorts` key that orders by this column. */
  sort?: string;
}

/** Where a kind sits in the sidebar (lib/navigation/sections.ts builds the groups from the registry). */
export type NavGroup = 'cluster' | 'workloads' | 'network' | 'config' | 'storage' | 'policy' | 'access' | 'custom';

/** One labelled fact on a detail page ("Type: ClusterIP"). Plain data: the shell renders it. */
export interface Fact {
  label: string;
  value: string;
  tone?: CellTone;
  mono?: boolean;
  /** A link to another object, built with lib/routes.ts (never by hand). */
  href?: string;
  hint?: string;
}

/** A small table on a detail page (ConfigMap keys and sizes, Service ports, a Role's rules…). */
export interface DetailTable {
  id: string;
  title: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  /** Shown when there are no rows. */
  empty?: string;
  /** Optional bar per row: used against hard (quotas), requests against allocatable (nodes). */
  bars?: readonly ({ used: number; total: number; label?: string } | undefined)[];
}

/**
 * Objects of another kind shown on a detail page. The shell lists `kind` in the object's namespace
 * (or cluster-wide for cluster-scoped ones) through the per-user list API, narrowed by the label
 * selector (server side) and `match` (client side), so the person sees only what they may read.
 */
export interface RelatedSpec {
  kind: string;
  title: string;
  /** A label selector (kubectl syntax) built from the object; null: nothing can match. */
  selector?(obj: KubeObject): string | null;
  /** Keep a candidate summary when this holds (e.g. the Service's pods, a PVC's mounting pods). */
  match?(obj: KubeObject, candidate: BaseSummary): boolean;
  /** List across all namespaces (e.g. pods on a node) rather than the object's own namespace. */
  allNamespaces?: boolean;
}

/** What a detail page's facts may need beyond the object: the cluster, for links (lib/routes.ts). */
export interface DetailContext {
  cluster: string;
}

/** The detail page of a kind, as data: the generic ResourceDetail shell renders it (components/resource). */
export interface DetailSpec<S> {
  /** Facts from the object as the object API returns it (never Secret data) and its summary. */
  facts?(obj: KubeObject, s: S, ctx: DetailContext): Fact[];
  tables?(obj: KubeObject, s: S, ctx: DetailContext): DetailTable[];
  related?: readonly RelatedSpec[];
  /** Show the object's status.conditions (default: true). */
  conditions?: boolean;
  /**
   * A per-kind panel in components/kinds/<id>/ (rollout progress, node usage, certificate chain…),
   * looked up by the kind id in components/kinds/index.ts. Lib never imports components.
   */
  panel?: boolean;
}

export interface KindDescriptor<S extends BaseSummary = BaseSummary> {
  /** Route and API id, e.g. "pods", "deployments", "tls-secrets". Custom resources: "<plural>.<group>". */
  id: string;
  title: string;
  /** One object, for headings ("Service", "PersistentVolumeClaim"); defaults to `kind`. */
  titleSingular?: string;
  /** One line under the list page's heading. */
  description?: string;
  /** Listed in the sidebar under this group; kinds without it are reachable only as related objects. */
  nav?: { group: NavGroup; order: number };
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
  /** Table columns after namespace and name (kubectl's columns plus derived status). */
  columns?: readonly Column<S>[];
  /** RBAC resource checked for reads, when not `plural` (e.g. tls-secrets are read as certificates). */
  accessResource?: { group: string; resource: string }[];
  /**
   * 'person': read only as the signed-in person, on demand, by the kind's own routes under
   * app/api/k8s/[cluster]/<id>/ (impersonated LISTs): never through the shared cache (its reflector
   * refuses the kind), so the stream has no feed for it and pages re-read it (ADR 0019: Secrets).
   */
  readAs?: 'person';
  /** The detail page; kinds without one link nowhere. */
  detail?: DetailSpec<S>;
  /** Workload kinds: what they offer beyond reading (the workload panel and server/k8s/actions read it). */
  workload?: WorkloadTraits;
}

/** The write actions a workload kind may offer (lib/k8s/rollout/actions.ts has the API's names). */
export type WorkloadAction = 'scale' | 'rollback' | 'restart' | 'pause' | 'resume' | 'abort';

export interface WorkloadTraits {
  /** What the actions panel offers for this kind; the actions API refuses the rest. */
  actions: readonly WorkloadAction[];
  /** How its rollout is shown: a Deployment's ReplicaSets, a set's ordinal/node progress, or its status line. */
  rollout: 'replicasets' | 'statefulset' | 'daemonset' | 'status';
  /** Its Prometheus target kind (server/metrics/templates.ts), for the rollout timeline charts. */
  metrics?: 'deployment' | 'statefulset' | 'daemonset';
}

/**
 * Ordinal (code unit) order. Kubernetes names, statuses and RFC 3339 timestamps are ASCII, where this
 * is the order kubectl's sort (Go string comparison) gives; and unlike localeCompare (ICU collation)
 * it costs nanoseconds — sorting is on the path of every warm list request (docs/benchmarks.md).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const byName: Comparator<BaseSummary> = (a, b) =>
  compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.name, b.name);

/** Oldest first; callers reverse for "newest first". */
export const byAge: Comparator<BaseSummary> = (a, b) =>
  compareText(a.createdAt ?? '', b.createdAt ?? '') || byName(a, b);

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

/**
 * A kind's summary: the base fields, then the kind's own. `Object.assign` onto the base object rather
 * than an object spread (`{ ...baseSummary(obj), … }`): V8 keeps an object built by a spread followed by
 * more properties in dictionary mode. The cache keeps one summary per object, and a pod's took 1,153
 * bytes that way and 625 this way (measured with 50,000 bench pods, heap used after gc).
 */
export function withBase<T extends object>(obj: KubeObject, extra: T): BaseSummary & T {
  return Object.assign(baseSummary(obj), extra);
}

export function defaultSearchText(s: BaseSummary): string {
  return `${s.namespace ?? ''}/${s.name}`.toLowerCase();
}

export const ageColumn: Column<BaseSummary> = {
  id: 'age',
  title: 'Age',
  cell: 'age',
  value: (s) => s.createdAt,
  sort: 'age',
};

/** Container images of a pod template (`spec.template.spec.containers[].image`). */
export function templateImages(obj: KubeObject): string[] {
  const spec = obj.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined;
  return (spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean);
}

/** The controlling owner as { kind, name }, for summaries. */
export function ownerOf(obj: KubeObject): { kind: string; name: string; uid: string } | undefined {
  const o = obj.metadata.ownerReferences?.find((r) => r.controller);
  return o ? { kind: o.kind, name: o.name, uid: o.uid } : undefined;
}
