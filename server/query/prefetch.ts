import 'server-only';

import { QueryClient } from '@tanstack/react-query';

import { kindById } from '@/lib/k8s/kinds';
import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { labelSelectorText, type LabelSelectorObject } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';
import { listSearchParams, type ListParams } from '@/lib/query/keys';
import { resourceListOptions, resourceObjectOptions, type ResourceObjectResponse } from '@/lib/query/options';
import {
  listStateFrom,
  objectEventsParams,
  objectLiveParams,
  relatedListParams,
  tableParams,
  windowPageParams,
  workloadPodsParams,
  workloadReplicaSetsParams,
} from '@/lib/query/pages';
import type { ClusterCache } from '@/server/k8s/cache';
import { isPersonRead } from '@/server/k8s/custom-kinds';
import { KubeError } from '@/server/k8s/errors';
import { parseListQuery } from '@/server/k8s/list-query';
import { listResponseFor } from '@/server/k8s/list-response';
import { getForUser } from '@/server/k8s/objects';
import type { Impersonation } from '@/server/k8s/transport';

// Page data on the server (ADR 0018): a page prefetches with the very query options its client
// components use (same key, same data shape), but the queryFn calls the server function directly,
// as the signed-in person — no HTTP request to itself. The dehydrated cache goes to the browser in
// a HydrationBoundary; the client's first render has the data, and the live stream takes it from
// the list's `stream` position on. A failed prefetch is not dehydrated (react-query dehydrates
// successful queries only): the client asks the API and shows the error in words.

/** A QueryClient for one server render (never shared between requests or people). */
export function serverQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });
}

/** The list options of lib/query with a queryFn that reads the shared cache as `who`. */
export function serverListOptions<S extends BaseSummary>(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor<S>,
  params: ListParams = {},
) {
  // The list route parses the same query string: what the server reads here is what it would answer.
  const query = parseListQuery(listSearchParams(params));
  return {
    ...resourceListOptions(cache.name, kind.id, params),
    queryFn: () => {
      if (!query.success) throw new KubeError('invalid', 'Invalid list query', { status: 400 });
      return listResponseFor(cache, who, kind, query.data);
    },
  };
}

/** The object options of lib/query with a queryFn that reads the shared cache as `who` (GET …/<ns>/<name>). */
export function serverObjectOptions<S extends BaseSummary>(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor<S>,
  namespace: string | undefined,
  name: string,
) {
  return {
    ...resourceObjectOptions(cache.name, kind.id, kind.namespaced ? (namespace ?? '') : '', name),
    queryFn: async (): Promise<ResourceObjectResponse<S>> =>
      getForUser(cache, who, kind, kind.namespaced ? (namespace ?? '') : '', name),
  };
}

/**
 * Kinds whose page data is prefetched: those the shared cache serves through the generic list and
 * object routes. Kinds read as the person keep their own routes and rules, client-side: Secrets and
 * Helm releases (`readAs: 'person'`, routes of their own, ADR 0019) and custom resources (an
 * impersonated read whose descriptor the client builds from GET …/_kinds, ADR 0020).
 */
export function prefetchesOnServer(kind: KindDescriptor): boolean {
  return !isPersonRead(kind) && kind.readAs !== 'person';
}

/**
 * A list page (the Pods page, a kind's list page): the first page of the windowed table for the
 * URL's filters, under the key the client's table asks for (lib/query/pages.ts).
 */
export async function prefetchListPage(
  queryClient: QueryClient,
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor,
  search: URLSearchParams,
): Promise<void> {
  if (!prefetchesOnServer(kind)) return;
  const params = windowPageParams(tableParams(listStateFrom(search), kind.namespaced), 0);
  await queryClient.prefetchQuery(serverListOptions(cache, who, kind, params));
}

function podSelector(object: KubeObject): string | null {
  try {
    return labelSelectorText((object.spec as { selector?: LabelSelectorObject } | undefined)?.selector);
  } catch {
    return null; // the panel lists nothing for a selector the API would have rejected
  }
}

/**
 * An object's page (components/resource/resource-detail.tsx): the object, the list that keeps its
 * summary live, its events, and what its page shows first from other kinds — a workload's pods (and
 * a Deployment's ReplicaSets), the descriptor's related lists. Those depend on the object (its
 * selector), so they follow it; everything else is read at once.
 */
export async function prefetchObjectPage(
  queryClient: QueryClient,
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor,
  namespace: string | undefined,
  name: string,
): Promise<void> {
  if (!prefetchesOnServer(kind)) return;
  const ns = kind.namespaced ? (namespace ?? '') : '';
  const events = kindById('events');
  const others: Promise<void>[] = [
    queryClient.prefetchQuery(serverListOptions(cache, who, kind, objectLiveParams(ns, name))),
  ];
  if (events)
    others.push(queryClient.prefetchQuery(serverListOptions(cache, who, events, objectEventsParams(namespace, name))));
  const traits = kind.workload;
  const replicaSets = kindById('replicasets');
  if (traits?.rollout === 'replicasets' && replicaSets) {
    others.push(
      queryClient.prefetchQuery(serverListOptions(cache, who, replicaSets, workloadReplicaSetsParams(ns, name))),
    );
  }
  const object = await queryClient
    .fetchQuery(serverObjectOptions(cache, who, kind, namespace, name))
    .then((r) => r.object)
    .catch(() => undefined); // not cached: the client reads it again and shows why it cannot
  const dependent: Promise<void>[] = [];
  if (object && traits && kind.detail?.panel) {
    const selector = podSelector(object);
    const pods = kindById('pods');
    if (selector !== null && pods) {
      dependent.push(queryClient.prefetchQuery(serverListOptions(cache, who, pods, workloadPodsParams(ns, selector))));
    }
  }
  for (const spec of (object && kind.detail?.related) || []) {
    const related = kindById(spec.kind);
    if (!related || !prefetchesOnServer(related)) continue;
    let selector: string | null = '';
    try {
      selector = spec.selector ? spec.selector(object as KubeObject) : '';
    } catch {
      selector = null;
    }
    if (selector === null) continue; // the client does not ask either
    dependent.push(
      queryClient.prefetchQuery(serverListOptions(cache, who, related, relatedListParams(spec, namespace, selector))),
    );
  }
  await Promise.all([...others, ...dependent]);
}
