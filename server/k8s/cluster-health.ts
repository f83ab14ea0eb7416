import 'server-only';

import type { ClusterHealth } from '@/lib/k8s/cluster-health';
import { serverEnv } from '@/server/env';
import { clusterClients, configuredClusterNames, type ClusterRef } from '@/server/k8s/cluster';
import { toKubeError, type KubeError } from '@/server/k8s/errors';
import { existingCache } from '@/server/k8s/registry';
import { kubeJson } from '@/server/k8s/transport';

// Version and reachability of each configured cluster, for GET /api/clusters and the shell header.
// The probe is GET /version as the dashboard (public cluster metadata), with the usual deadline, so
// an unreachable cluster answers with a clear message within WHEELHOUSE_K8S_TIMEOUT_MS. Results are
// shared for a few seconds so a burst of page loads costs one request per cluster.

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

/** Health of one configured cluster; never throws for cluster failures (they are the answer). */
export async function clusterHealth(ref: ClusterRef): Promise<ClusterHealth> {
  const now = Date.now();
  const result = await cachedProbe(ref.name, now);
  const cache = existingCache(ref.name)?.health() ?? { kinds: [], lastContactAt: undefined };
  const contacts = [state().lastContact.get(ref.name), cache.lastContactAt].filter((t) => t !== undefined);
  const lastContactAt = contacts.length ? new Date(Math.max(...contacts)).toISOString() : undefined;
  return {
    name: ref.name,
    server: result.server,
    reachable: result.ok,
    version: result.ok ? result.version : undefined,
    error: result.ok ? undefined : result.error.toSummary(),
    lastContactAt,
    checkedAt: new Date(now).toISOString(),
    kinds: cache.kinds,
  };
}

/** Health of every configured cluster, probed in parallel. */
export function listClusterHealth(): Promise<ClusterHealth[]> {
  return Promise.all(configuredClusterNames().map((name) => clusterHealth({ name })));
}
