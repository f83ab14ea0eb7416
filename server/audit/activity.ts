import 'server-only';

import type { ActivityResponse } from '@/lib/query/audit';
import type { Identity } from '@/server/auth/identity';
import type { ClusterCache } from '@/server/k8s/cache';

import { auditVisibility } from './access';
import { decodeCursor, encodeCursor, filterOf, type ActivityQuery } from './query';
import { auditStore } from './store';

// The Activity page's data for one person: the entries they may read under the filters, and the
// namespaces offered in the filter. One function for the page's prefetch and GET /api/audit.

export async function activityFor(
  identity: Identity,
  cache: ClusterCache,
  query: ActivityQuery,
): Promise<ActivityResponse> {
  const store = await auditStore();
  const visibleTo = await auditVisibility(identity, cache.name, cache, store);
  const page = await store.list(
    { ...filterOf(cache.name, query), visibleTo },
    { limit: query.limit, before: decodeCursor(query.before) },
  );
  const all = await store.namespaces(cache.name);
  const namespaces =
    visibleTo && visibleTo.namespaces !== 'all' ? all.filter((ns) => visibleTo.namespaces.includes(ns)) : all;
  return { entries: page.entries, next: page.next ? encodeCursor(page.next) : null, namespaces };
}

/** The filters as search parameters, as the page's links and the client's query key carry them. */
export function activityParams(q: ActivityQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['user', 'namespace', 'action', 'result', 'from', 'to', 'before'] as const) {
    const value = q[key];
    if (value) out[key] = value;
  }
  if (q.limit !== 50) out.limit = String(q.limit);
  return out;
}
