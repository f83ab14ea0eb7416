import 'server-only';

import type { ClusterHealth, KindCacheHealth } from '@/lib/k8s/cluster-health';
import { kindById } from '@/lib/k8s/kinds';
import { serverEnv } from '@/server/env';
import type { ClusterCache } from '@/server/k8s/cache';
import { clusterClients, configuredClusterNames, type ClusterRef } from '@/server/k8s/cluster';
import { publicSummary, toKubeError, type KubeError } from '@/server/k8s/errors';
import { existingCache } from '@/server/k8s/registry';
import { readableNamespaces } from '@/server/k8s/resources';
import { kubeJson, type Impersonation } from '@/server/k8s/transport';

// Version and reachability of each configured cluster, for GET /api/clusters and the shell header.
// The probe is GET /version as the dashboard (public cluster metadata), with the usual deadline, so
// an unreachable cluster answers with a clear message within WHEELHOUSE_K8S_TIMEOUT_MS. Results are
// shared for a few seconds so a burst of page loads costs one request per cluster.
// The shared cache holds what the dashboard identity can see; each person is shown their own view of
// it: object counts of the namespaces they may read (the same SubjectAccessReviews, cached, as their
// lists), and error messages without the server's internals (errors.ts publicSummary).

const PROBE_TTL_MS = 5_000;

interface Probe {
  at: number;
  result: Promise<ProbeResult>;
}

type ProbeResult =
  | { ok: true; server: string; version: { gitVersion: string; platform: string } }
  | { ok: false; server: string; error: KubeError };

interface State {
  probes: Map<string, Probe>;
  lastContact: Map<string, number>;
}

const KEY = Symbol.for('wheelhouse.k8s.cluster-health');
type Holder = typeof globalThis & { [KEY]?: State };

function state(): State {
  const g = globalThis as Holder;
  g[KEY] ??= { probes: new Map(), lastContact: new Map() };
  return g[KEY];
}

async function probe(name: string): Promise<ProbeResult> {
  const timeoutMs = serverEnv().k8sTimeoutMs;
  let server = '';
  try {
    const clients = clusterClients({ name });
    server = clients.server;
    const info = await kubeJson<{ gitVersion?: string; platform?: string }>(clients.kubeConfig, {
      path: '/version',
      timeoutMs,
    });
    state().lastContact.set(name, Date.now());
    return { ok: true, server, version: { gitVersion: info.gitVersion ?? '', platform: info.platform ?? '' } };
  } catch (err) {
    return { ok: false, server, error: toKubeError(err, { cluster: name, server: server || undefined, timeoutMs }) };
  }
}

function cachedProbe(name: string, now: number): Promise<ProbeResult> {
  const probes = state().probes;
  const hit = probes.get(name);
  if (hit && now - hit.at < PROBE_TTL_MS) return hit.result;
  const result = probe(name);
  probes.set(name, { at: now, result });
  return result;
}

/** One running reflector as `who` sees it: the objects they may read, and a message for people. */
async function kindForPerson(
  cache: ClusterCache,
  who: Impersonation,
  k: KindCacheHealth,
  count: boolean,
): Promise<KindCacheHealth> {
  const reflector = cache.peek(k.kind);
  const kind = kindById(k.kind);
  let objects: number | undefined = count ? 0 : undefined;
  if (count && reflector && kind) {
    const readable = await readableNamespaces(cache, who, kind, reflector.store.indexValues('namespace'));
    objects =
      readable === 'all'
        ? reflector.store.size
        : [...readable].reduce((n, ns) => n + reflector.store.byIndex('namespace', ns).length, 0);
  }
  const error = reflector?.lastError
    ? publicSummary(toKubeError(reflector.lastError, { cluster: cache.name }), cache.name).message
    : undefined;
  return { kind: k.kind, state: k.state, objects, syncedAt: k.syncedAt, error };
}

export interface HealthOptions {
  /**
   * Count the objects `who` may read per kind (default). The shell's header shows reachability, the
   * version and stale kinds only: for a person who may read some namespaces, the counts cost an access
   * answer per namespace and kind, on every page, streamed after the page's rows (a developer's traced
   * Pods page at 100,000 pods ended 577 ms after navigation, an operator's 86 ms).
   */
  objectCounts?: boolean;
}

/** Health of one configured cluster as `who` sees it; never throws for cluster failures (they are the answer). */
export async function clusterHealth(
  ref: ClusterRef,
  who: Impersonation,
  { objectCounts = true }: HealthOptions = {},
): Promise<ClusterHealth> {
  const now = Date.now();
  const result = await cachedProbe(ref.name, now);
  const shared = existingCache(ref.name);
  const cache = shared?.health() ?? { kinds: [], lastContactAt: undefined };
  const kinds = shared ? await Promise.all(cache.kinds.map((k) => kindForPerson(shared, who, k, objectCounts))) : [];
  const contacts = [state().lastContact.get(ref.name), cache.lastContactAt].filter((t) => t !== undefined);
  const lastContactAt = contacts.length ? new Date(Math.max(...contacts)).toISOString() : undefined;
  return {
    name: ref.name,
    server: result.server,
    reachable: result.ok,
    version: result.ok ? result.version : undefined,
    error: result.ok ? undefined : publicSummary(result.error, ref.name),
    lastContactAt,
    checkedAt: new Date(now).toISOString(),
    kinds,
  };
}

/** Health of every configured cluster as `who` sees it, probed in parallel. */
export function listClusterHealth(who: Impersonation, options?: HealthOptions): Promise<ClusterHealth[]> {
  return Promise.all(configuredClusterNames().map((name) => clusterHealth({ name }, who, options)));
}
