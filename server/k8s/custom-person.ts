import 'server-only';

import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { namespacesKind } from '@/lib/k8s/kinds/namespaces';
import { stripObject, type KubeObject } from '@/lib/k8s/object';
import type { ClusterCache } from '@/server/k8s/cache';
import { collectionPath } from '@/server/k8s/discovery';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { mapLimit } from '@/server/k8s/map-limit';
import { labelMatcher, selectPage, type ListQuery } from '@/server/k8s/list-query';
import type { ObjectForUser } from '@/server/k8s/objects';
import { readableNamespaces, type ResourceList } from '@/server/k8s/resources';
import { HttpStatusError, kubeJson, type Impersonation } from '@/server/k8s/transport';
import { counter } from '@/server/observability/metrics';

// Custom resources read as the signed-in person (ADR 0020): an impersonated LIST or GET, so the API
// server applies the person's own RBAC to every object and the dashboard's identity needs no access to
// any custom group. Lists are cached per (person, path) for a few seconds in a bounded LRU, and
// concurrent readers of the same key share one request (single flight); failures are not cached.

const TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;
const PAGE_SIZE = 500;
/** A person's list stops here (a page says so): the browser is not the place for more. */
const MAX_OBJECTS = 10_000;
const CONCURRENCY = 4;
const TIMEOUT_MS = 10_000;

const reads = counter({
  name: 'wheelhouse_custom_person_reads_total',
  help: 'Custom resource lists read as the person: hit (cached), list (impersonated LIST page sent), error',
  labelNames: ['result'] as const,
});

interface Entry {
  expires: number;
  value: Promise<KubeObject[]>;
}

const entries = new Map<string, Entry>();
/** Impersonated LIST pages sent (tests read it). */
export const personListStats = { lists: 0 };

function mapError(err: unknown, cluster: string): KubeError {
  if (err instanceof HttpStatusError) return toKubeError({ code: err.statusCode, body: err.body }, { cluster });
  return toKubeError(err, { cluster });
}

async function readAll(cache: ClusterCache, who: Impersonation, path: string): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  let cont: string | undefined;
  do {
    personListStats.lists++;
    reads.inc({ result: 'list' });
    const body = await kubeJson<{ metadata?: { continue?: string }; items?: KubeObject[] }>(cache.kc, {
      path,
      query: { limit: PAGE_SIZE, continue: cont },
      impersonate: who,
      timeoutMs: TIMEOUT_MS,
    });
    for (const item of body.items ?? []) out.push(stripObject(item));
    cont = body.metadata?.continue || undefined;
  } while (cont && out.length < MAX_OBJECTS);
  return out;
}

function listAs(cache: ClusterCache, who: Impersonation, path: string, now = Date.now()): Promise<KubeObject[]> {
  // JSON keeps the parts apart: no user or group name can make two identities share a key.
  const key = JSON.stringify([cache.name, who.user, [...who.groups].sort(), path]);
  const hit = entries.get(key);
  if (hit && hit.expires > now) {
    entries.delete(key); // re-insert: Map order is the LRU order
    entries.set(key, hit);
    reads.inc({ result: 'hit' });
    return hit.value;
  }
  const entry: Entry = { expires: Infinity, value: readAll(cache, who, path) };
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
  entry.value.then(
    () => (entry.expires = Date.now() + TTL_MS),
    () => {
      reads.inc({ result: 'error' });
      if (entries.get(key) === entry) entries.delete(key);
    },
  );
  return entry.value;
}

/** Forgets cached lists (tests). */
export function clearPersonLists(): void {
  entries.clear();
}

/** The cluster's namespaces, from the shared namespaces cache (no request per page view). */
export async function clusterNamespaces(cache: ClusterCache): Promise<string[]> {
  const reflector = await cache.reflector(namespacesKind);
  if (!(await reflector.ready(TIMEOUT_MS)) && reflector.lastSyncAt === undefined) {
    throw mapError(reflector.lastError ?? new KubeError('timeout', `Cluster ${cache.name} did not answer`), cache.name);
  }
  return [...reflector.store.values()].map((n) => n.metadata.name);
}

/** The CRD's preferred served version (the spec carries it: no discovery snapshot can be older). */
function versionOf(kind: KindDescriptor): string {
  const v = kind.versions[0];
  if (!v) throw new KubeError('not-found', `${kind.title} has no served version`, { status: 404 });
  return v;
}

function namespacedPath(kind: KindDescriptor, version: string, namespace: string): string {
  const ns = `namespaces/${encodeURIComponent(namespace)}/${kind.plural}`;
  return kind.group ? `/apis/${kind.group}/${version}/${ns}` : `/api/${version}/${ns}`;
}

/**
 * A custom kind's objects `who` may list, in `namespaces` (all when empty): cluster-wide in one LIST
 * when they may, else one LIST per namespace the access reviews allow (of those asked for, or of the
 * cluster). The API server has the last word: a 403 on a LIST counts as none there.
 */
export async function customObjectsForUser(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor,
  namespaces: readonly string[],
): Promise<KubeObject[]> {
  const version = versionOf(kind);
  // Only namespaces that exist are reviewed: naming 200 made-up ones costs no access reviews (ADR 0016).
  const existing = kind.namespaced ? await clusterNamespaces(cache) : [];
  const present = namespaces.length ? namespaces.filter((ns) => existing.includes(ns)) : existing;
  const readable = await readableNamespaces(cache, who, kind, present);
  const paths =
    readable === 'all'
      ? [collectionPath(kind, version)]
      : [...readable].sort().map((ns) => namespacedPath(kind, version, ns));
  const lists = await mapLimit(paths, CONCURRENCY, (path) =>
    listAs(cache, who, path).catch((err: unknown) => {
      if (err instanceof HttpStatusError && err.statusCode === 403) return [];
      throw mapError(err, cache.name);
    }),
  );
  return lists.flat();
}

/** One page of a custom kind's objects `who` may list (the list API's answer, without a stream position). */
export async function listCustomForUser<S extends BaseSummary>(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor<S>,
  query: ListQuery,
): Promise<ResourceList<S>> {
  const matchLabels = labelMatcher(query.labelSelector);
  const objects = await customObjectsForUser(cache, who, kind, query.namespaces);
  const page = selectPage(kind, objects, query, matchLabels, () => true);
  return { ...page, cache: { state: 'ready', syncedAt: new Date().toISOString() } };
}

/** One custom object read as `who` (an impersonated GET: their RBAC, their 403 or 404). */
export async function getCustomForUser<S extends BaseSummary>(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor<S>,
  namespace: string,
  name: string,
): Promise<ObjectForUser<S>> {
  const version = versionOf(kind);
  const base = kind.namespaced ? namespacedPath(kind, version, namespace) : collectionPath(kind, version);
  const what = `${kind.kind} ${kind.namespaced ? `${namespace}/` : ''}${name}`;
  let obj: KubeObject;
  try {
    obj = await kubeJson<KubeObject>(cache.kc, {
      path: `${base}/${encodeURIComponent(name)}`,
      impersonate: who,
      timeoutMs: TIMEOUT_MS,
    });
  } catch (err) {
    if (err instanceof HttpStatusError && err.statusCode === 403) {
      throw new KubeError('forbidden', `You may not read ${what} in cluster ${cache.name}`, { status: 403 });
    }
    if (err instanceof HttpStatusError && err.statusCode === 404) {
      throw new KubeError('not-found', `${what} was not found in cluster ${cache.name}`, { status: 404 });
    }
    throw mapError(err, cache.name);
  }
  const object = stripObject(obj);
  return { object, summary: kind.toSummary(object) };
}
