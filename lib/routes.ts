// Every link in the dashboard is built here (issue 12: nothing builds a URL by hand). Routes carry
// the cluster first (STYLE.md rule 9). Each path segment is percent-encoded once, here.

/** Kinds whose list and detail pages are the Workloads section's tabs. */
export const WORKLOAD_KIND_IDS = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'replicasets',
  'jobs',
  'cronjobs',
] as const;
export type WorkloadKindId = (typeof WORKLOAD_KIND_IDS)[number];

export function isWorkloadKindId(id: string): id is WorkloadKindId {
  return (WORKLOAD_KIND_IDS as readonly string[]).includes(id);
}

function path(...segments: string[]): string {
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

function withQuery(href: string, query?: Record<string, string | undefined>): string {
  if (!query) return href;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') sp.set(k, v);
  const qs = sp.toString();
  return qs ? `${href}?${qs}` : href;
}

/**
 * The first path segment under which a kind's pages live: its own id for most kinds, or the section
 * that hosts it (Deployments are a Workloads tab, autoscalers live under Autoscaling).
 */
export function kindSection(kind: string): string {
  if (isWorkloadKindId(kind)) return 'workloads';
  if (kind === 'horizontalpodautoscalers') return 'autoscaling';
  if (kind === 'tls-secrets' || kind === 'certificates') return 'certificates';
  return kind;
}

export const routes = {
  home: () => '/',
  signIn: (callbackUrl?: string) => withQuery('/sign-in', { callbackUrl }),
  cluster: (cluster: string) => path('c', cluster),
  /** A top-level section or a kind's list page: /c/<cluster>/<slug>. */
  section: (cluster: string, slug: string, query?: Record<string, string | undefined>) =>
    withQuery(path('c', cluster, slug), query),
  overview: (cluster: string) => path('c', cluster, 'overview'),
  activity: (cluster: string, query?: Record<string, string | undefined>) =>
    withQuery(path('c', cluster, 'activity'), query),

  /** The list page of a kind (pods, workloads tabs, autoscalers, certificates, events, any registered kind). */
  kindList(cluster: string, kind: string, query?: Record<string, string | undefined>): string {
    if (isWorkloadKindId(kind)) return withQuery(path('c', cluster, 'workloads'), { kind, ...query });
    return withQuery(path('c', cluster, kindSection(kind)), query);
  },

  /**
   * One object's page. Namespaced: /c/<cluster>/<kind>/<namespace>/<name>; cluster-scoped:
   * /c/<cluster>/<kind>/<name>. Workloads and autoscalers keep their section's prefix.
   */
  object(cluster: string, kind: string, namespace: string | undefined, name: string): string {
    if (isWorkloadKindId(kind)) return path('c', cluster, 'workloads', kind, namespace ?? '_', name);
    if (kind === 'horizontalpodautoscalers') return path('c', cluster, 'autoscaling', namespace ?? '_', name);
    return namespace ? path('c', cluster, kind, namespace, name) : path('c', cluster, kind, name);
  },

  /** The custom kinds the person may list (GET: { kinds: CustomKindSpec[] }). */
  customKindsApi: (cluster: string) => path('api', 'k8s', cluster, '_kinds'),
  /** "Why can't I …?" for one request (GET: WhyAnswer of lib/k8s/why.ts). */
  whyApi: (
    cluster: string,
    q: { verb: string; group: string; resource: string; subresource?: string; namespace?: string; name?: string },
  ) => withQuery(path('api', 'k8s', cluster, 'why'), q),
  /** A pod's log (the route handler streams text/plain). */
  podLogApi: (cluster: string, namespace: string, name: string, query?: Record<string, string | undefined>) =>
    withQuery(path('api', 'k8s', cluster, 'pods', namespace, name, 'log'), query),
  /** A node's pods, their requests and limits, and its usage (app/api/nodes/[cluster]/[name]). */
  nodeResourcesApi: (cluster: string, name: string) => path('api', 'nodes', cluster, name),
};
