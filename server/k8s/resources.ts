import 'server-only';

import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { namespacesKind } from '@/lib/k8s/kinds/namespaces';
import type { CacheState, ResourceListResponse } from '@/lib/k8s/list-response';
import type { KubeObject } from '@/lib/k8s/object';
import type { AccessOptions } from '@/server/k8s/access';
import type { ClusterCache } from '@/server/k8s/cache';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { selectIndexedPage, type NamespaceScope } from '@/server/k8s/indexed-page';
import { listIndexFor } from '@/server/k8s/list-index';
import { labelMatcher, selectPage, type ListQuery } from '@/server/k8s/list-query';
import type { Reflector } from '@/server/k8s/reflector';
import { ObjectStore } from '@/server/k8s/store';
import type { Impersonation } from '@/server/k8s/transport';

// Reads for one person, served from the shared cache. What they receive is decided per namespace by
// the API server (SubjectAccessReview as them, cached briefly); objects of other namespaces are
// dropped before summaries are built, so they never reach JSON, page payloads or the stream.

export type { CacheState };

/** A page as read from the cache; the list API adds the stream position (ResourceListResponse). */
export type ResourceList<S extends BaseSummary> = Omit<ResourceListResponse<S>, 'stream'>;

function readTargets(kind: KindDescriptor): { group: string; resource: string }[] {
  return kind.accessResource ?? [{ group: kind.group, resource: kind.plural }];
}

/** May `who` list this kind in `namespace` ('' = all namespaces)? Any of the kind's read targets will do. */
export async function mayList(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor,
  namespace: string,
  options: AccessOptions = {},
): Promise<boolean> {
  for (const t of readTargets(kind)) {
    const q = { verb: 'list' as const, group: t.group, resource: t.resource, namespace };
    if (await cache.access.allowed(who, q, options)) return true;
  }
  return false;
}

/**
 * The namespaces (of those present) whose objects `who` may read; `all` when cluster-wide list is allowed.
 * `present` must hold only namespaces that exist: each costs a SubjectAccessReview as the dashboard.
 * Those per-namespace reviews are not charged to the person's budget (ADR 0016, amended in issue 14):
 * their number is bounded by the cluster's namespaces, not by what the client sends, and at 1,000
 * namespaces a developer's first list needs more reviews than the burst holds, so every list was refused.
 */
export async function readableNamespaces(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor,
  present: string[],
): Promise<'all' | Set<string>> {
  // A developer's every list asked the access cache once per namespace: at 1,000 namespaces 2.3 ms of
  // CPU per request with every answer cached (issue 14). The set is kept for a moment per person and
  // kind, for the same namespaces: at most READABLE_MEMO_MS on top of the answers' own TTL.
  const memo = memoFor(cache);
  const key = JSON.stringify([who.user, [...who.groups].sort(), kind.group, kind.plural]);
  const now = Date.now();
  const hit = memo.get(key);
  const keepMs = Math.min(READABLE_MEMO_MS, cache.access.ttlMs / 5);
  if (hit && now - hit.at < keepMs && sameNamespaces(hit.present, present)) return hit.result;
  const result = await readableNamespacesNow(cache, who, kind, present);
  memo.delete(key);
  memo.set(key, { at: now, present, result });
  if (memo.size > READABLE_MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  return result;
}

/** How long a person's readable namespaces are reused (per cluster, person and kind; at most a fifth of the answers' TTL). */
export const READABLE_MEMO_MS = 2000;
const READABLE_MEMO_ENTRIES = 1000;

interface ReadableMemo {
  at: number;
  present: readonly string[];
  result: 'all' | Set<string>;
}

const readableMemos = new WeakMap<ClusterCache, Map<string, ReadableMemo>>();

function memoFor(cache: ClusterCache): Map<string, ReadableMemo> {
  let memo = readableMemos.get(cache);
  if (!memo) readableMemos.set(cache, (memo = new Map()));
  return memo;
}

function sameNamespaces(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function readableNamespacesNow(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor,
  present: string[],
): Promise<'all' | Set<string>> {
  if (await mayList(cache, who, kind, '')) return 'all';
  if (!kind.namespaced) return new Set();
  const answers = await Promise.all(
    present.map(async (ns) => [ns, await mayList(cache, who, kind, ns, { budget: false })] as const),
  );
  return new Set(answers.filter(([, ok]) => ok).map(([ns]) => ns));
}

/** The kind's shared reflector once it has listed at least once; throws in words when it never did. */
export async function readyReflector(cache: ClusterCache, kind: KindDescriptor, waitMs = 10_000): Promise<Reflector> {
  const reflector = await cache.reflector(kind);
  if (!(await reflector.ready(waitMs)) && reflector.lastSyncAt === undefined) {
    // Never listed: an empty page would read as "there are none". Say why instead, promptly.
    const server = cache.kc.getCurrentCluster()?.server;
    throw toKubeError(
      reflector.lastError ??
        new KubeError(
          'timeout',
          `Cluster ${cache.name} did not answer the list of ${kind.plural} within ${Math.round(waitMs / 1000)}s`,
        ),
      { cluster: cache.name, server },
    );
  }
  return reflector;
}

export async function listForUser<S extends BaseSummary>(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor<S>,
  query: ListQuery,
  waitMs = 10_000,
): Promise<ResourceList<S>> {
  const matchLabels = labelMatcher(query.labelSelector);
  const reflector = await readyReflector(cache, kind, waitMs);
  // Only namespaces that hold objects of this kind are reviewed: a namespace without any adds nothing
  // to the page whatever the answer, and a client naming 200 made-up namespaces must not make the
  // dashboard ask the API server 200 questions (issue 11, item 5; ADR 0016).
  const held = reflector.store.indexValues('namespace');
  const heldSet = new Set(held);
  const present = query.namespaces.length ? query.namespaces.filter((ns) => heldSet.has(ns)) : held;
  const readable = await readableNamespaces(cache, who, kind, present);
  // Nothing readable gives an empty list, not an error: the same answer whether or not objects exist.
  // Namespaces are the one cluster-scoped kind RBAC checks by name: a person bound in a few of them
  // (a RoleBinding of `view`) may `get` those Namespace objects while listing none, and sees those.
  // (Asked for namespaces, a cluster-scoped kind has none in them: the page is empty, as before.)
  const store = reflector.store;
  const gettable =
    readable !== 'all' && isNamespaceKind(kind) && !query.namespaces.length
      ? await gettableNamespaces(cache, who, store.values())
      : [];
  const index = gettable.length ? undefined : listIndexFor(store, kind);
  // The page is read from the kind's ordered indexes (ADR 0024): asked for namespaces, only those
  // (of the readable ones); otherwise every readable namespace.
  const scope: NamespaceScope = query.namespaces.length
    ? readable === 'all'
      ? new Set(query.namespaces)
      : readable
    : readable;
  const page =
    index && !index.failed
      ? selectIndexedPage(index, query, matchLabels, scope)
      : selectPage(kind, gettable.length ? gettable : objectsIn(store, scope), query, matchLabels, () => true);
  // A cluster-scoped kind is refused or not whatever exists: saying so leaks nothing.
  const denied = !kind.namespaced && readable !== 'all' && !gettable.length ? { denied: true as const } : {};
  return { ...page, cache: cacheStateOf(reflector), ...denied };
}

/** The objects of the namespaces in scope (the full sort's input when the index cannot serve). */
function objectsIn(store: ObjectStore<KubeObject>, scope: NamespaceScope): Iterable<KubeObject> {
  return scope === 'all' ? store.values() : [...scope].flatMap((ns) => store.byIndex('namespace', ns));
}

/** The core Namespace kind, whose RBAC checks name the namespace itself (the API server's RequestInfo). */
export function isNamespaceKind(kind: KindDescriptor): boolean {
  return kind.group === '' && kind.plural === 'namespaces';
}

/** The Namespace objects `who` may `get` one by one (a SubjectAccessReview per namespace, cached). */
async function gettableNamespaces(
  cache: ClusterCache,
  who: Impersonation,
  objects: Iterable<KubeObject>,
): Promise<KubeObject[]> {
  const list = [...objects];
  const answers = await Promise.all(
    list.map((o) => {
      const name = o.metadata.name;
      // Namespaces from the shared cache: bounded by the cluster, not charged (as readableNamespaces).
      return cache.access.allowed(
        who,
        { verb: 'get', group: '', resource: 'namespaces', namespace: name, name },
        { budget: false },
      );
    }),
  );
  return list.filter((_, i) => answers[i]);
}

/**
 * Does the namespace exist? Answered from the shared namespaces cache, so asking costs the API server
 * nothing; undefined when that cache cannot tell (it never listed), and the caller goes on as before.
 */
export async function namespaceExists(cache: ClusterCache, name: string, waitMs = 5_000): Promise<boolean | undefined> {
  const reflector = await cache.reflector(namespacesKind).catch(() => undefined);
  if (!reflector) return undefined;
  if (!(await reflector.ready(waitMs)) && reflector.lastSyncAt === undefined) return undefined;
  return reflector.store.get(ObjectStore.keyOf(undefined, name)) !== undefined;
}

/** What lists (and the stream's `state` events) say about the shared cache behind them. */
export function cacheStateOf(reflector: Reflector): CacheState {
  return {
    state: reflector.state,
    syncedAt: reflector.lastSyncAt ? new Date(reflector.lastSyncAt).toISOString() : undefined,
    error: reflector.lastError?.message,
  };
}
