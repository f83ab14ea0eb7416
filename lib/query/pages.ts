import type { ListParams } from '@/lib/query/keys';

// The list parameters of pages that prefetch on the server: one constant for the server component
// and the client view, so both name the same query (ADR 0018).

/** The autoscaling screen: every HPA the person may read. */
export const HPA_LIST_PARAMS: ListParams = { limit: 1000 };

/** One HPA's page (the live replica history reads the same list). */
export const hpaDetailParams = (namespace: string, name: string): ListParams => ({ namespaces: [namespace], q: name });

// ---- Lists under the virtualized table (the Pods page and every kind's list page) ----

/** Rows per page of the windowed table (components/resource/use-resource-list.ts useWindowedList). */
export const PAGE_SIZE = 200;

/** The list filters a page keeps in its URL (components/resource/use-list-state.ts). */
export interface ListState {
  namespaces: string[];
  q: string;
  labelSelector: string;
  sort?: string;
  order: 'asc' | 'desc';
}

/** Read-only access to a query string: URLSearchParams, or Next's ReadonlyURLSearchParams. */
interface SearchLike {
  get(name: string): string | null;
}

/** The list filters in a URL's query string: the same on the server (the page's searchParams) and the client. */
export function listStateFrom(search: SearchLike): ListState {
  return {
    namespaces: (search.get('namespace') ?? '').split(',').filter(Boolean),
    q: search.get('q') ?? '',
    labelSelector: search.get('labelSelector') ?? '',
    sort: search.get('sort') ?? undefined,
    order: search.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

/** A server page's `searchParams` as URLSearchParams (a repeated parameter counts once, as the client's `get`). */
export function searchOf(params: Readonly<Record<string, string | string[] | undefined>>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out.set(k, first);
  }
  return out;
}

/** The table's list params for a URL's filters (without the page: limit and offset come from the window). */
export function tableParams(state: ListState, namespaced = true): Omit<ListParams, 'limit' | 'offset'> {
  return {
    namespaces: namespaced ? state.namespaces : [],
    q: state.q,
    labelSelector: state.labelSelector,
    sort: state.sort,
    order: state.order,
  };
}

/** One page of the windowed table: page 0 is what a list page prefetches on the server. */
export function windowPageParams(params: Omit<ListParams, 'limit' | 'offset'>, page: number): ListParams {
  return { ...params, limit: PAGE_SIZE, offset: page * PAGE_SIZE };
}

// ---- An object's page (components/resource/resource-detail.tsx and the kind panels) ----

/** The list that keeps one object's summary live (components/resource/use-live-object.ts). */
export const objectLiveParams = (namespace: string, name: string): ListParams => ({
  namespaces: namespace ? [namespace] : [],
  q: name,
  limit: 1000,
});

/** The object's events (a cluster-scoped object's are recorded in some namespace, so all of them). */
export const objectEventsParams = (namespace: string | undefined, name: string): ListParams => ({
  namespaces: namespace ? [namespace] : [],
  q: name,
  limit: 200,
});

/** A workload's pods, by its spec.selector's text (components/kinds/workloads/panel.tsx). */
export const workloadPodsParams = (namespace: string, selector: string): ListParams => ({
  namespaces: [namespace],
  labelSelector: selector,
  limit: 500,
});

/** A Deployment's ReplicaSets (its rollout). */
export const workloadReplicaSetsParams = (namespace: string, name: string): ListParams => ({
  namespaces: [namespace],
  q: name,
  limit: 200,
});

/** A related list of a detail page (components/resource/related-list.tsx); selector null lists nothing. */
export const relatedListParams = (
  spec: { allNamespaces?: boolean },
  namespace: string | undefined,
  selector: string | null,
): ListParams => ({
  namespaces: spec.allNamespaces || !namespace ? [] : [namespace],
  labelSelector: selector ?? undefined,
  limit: 500,
});
