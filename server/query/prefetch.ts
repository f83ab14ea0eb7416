import 'server-only';

import { QueryClient } from '@tanstack/react-query';

import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { listSearchParams, type ListParams } from '@/lib/query/keys';
import { resourceListOptions } from '@/lib/query/options';
import { KubeError } from '@/server/k8s/errors';
import type { ClusterCache } from '@/server/k8s/cache';
import { parseListQuery } from '@/server/k8s/list-query';
import { listResponseFor } from '@/server/k8s/list-response';
import type { Impersonation } from '@/server/k8s/transport';

// Page data on the server (ADR 0018): a page prefetches with the very query options its client
// components use (same key, same data shape), but the queryFn calls the server function directly,
// as the signed-in person — no HTTP request to itself. The dehydrated cache goes to the browser in
// a HydrationBoundary; the client's first render has the data, and the live stream takes it from
// the list's `stream` position on.

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
