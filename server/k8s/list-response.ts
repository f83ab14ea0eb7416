import 'server-only';

import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { ResourceListResponse } from '@/lib/k8s/list-response';
import type { ClusterCache } from '@/server/k8s/cache';
import { isPersonRead } from '@/server/k8s/custom-kinds';
import { listCustomForUser } from '@/server/k8s/custom-person';
import type { ListQuery } from '@/server/k8s/list-query';
import { listForUser } from '@/server/k8s/resources';
import { streamHub } from '@/server/k8s/stream-hub';
import type { Impersonation } from '@/server/k8s/transport';

// The list API's answer, built once for the route handler and for pages that prefetch it on the
// server (server/query/prefetch.ts): the same JSON either way, so a hydrated list and a fetched
// one are interchangeable in the client's cache.

export async function listResponseFor<S extends BaseSummary>(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor<S>,
  query: ListQuery,
): Promise<ResourceListResponse<S>> {
  // Custom resources: read as the person, no shared cache and so no stream position (ADR 0020).
  if (isPersonRead(kind)) return listCustomForUser(cache, who, kind, query);
  // Taken before the store is read: a stream opened with it as Last-Event-ID misses nothing.
  const stream = await streamHub().position(cache, kind);
  return { ...(await listForUser(cache, who, kind, query)), stream };
}
