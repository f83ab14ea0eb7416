import 'server-only';

import { serverEnv } from '@/server/env';
import { ClusterCache, type CacheSettings } from '@/server/k8s/cache';
import { dashboardKubeConfig, resolveCluster, type ClusterRef } from '@/server/k8s/cluster';
import { logger } from '@/server/observability/log';

// One ClusterCache per configured cluster (server/k8s/clusters.ts) for the whole process. It lives on globalThis so that
// Next.js dev-mode module reloads reuse the running reflectors instead of starting a second set.
// A recreated kubeconfig (new CA, new tokens) yields a new KubeConfig object and so a fresh cache.

const REAP_INTERVAL_MS = 30_000;

interface Registry {
  caches: Map<string, ClusterCache>;
  reaper?: ReturnType<typeof setInterval>;
}

const KEY = Symbol.for('wheelhouse.k8s.registry');
type Holder = typeof globalThis & { [KEY]?: Registry };

function registry(): Registry {
  const g = globalThis as Holder;
  g[KEY] ??= { caches: new Map() };
  return g[KEY];
}

export function cacheSettings(): CacheSettings {
  return {
    requestTimeoutMs: serverEnv().k8sTimeoutMs,
    pageSize: 500,
    idleMs: 5 * 60_000,
    accessTtlMs: 10_000,
    accessMaxEntries: 10_000,
    accessStaleIfErrorMs: 10 * 60_000,
    tlsSecrets: serverEnv().tlsSecrets,
  };
}

const cacheLog = logger('cache');

function log(message: string): void {
  cacheLog.info(message);
}

/** The shared cache of a configured cluster. Throws KubeError (kind "config") when its kubeconfig is unusable. */
export function clusterCache(ref: ClusterRef): ClusterCache {
  const reg = registry();
  const kc = dashboardKubeConfig(ref);
  const existing = reg.caches.get(ref.name);
  if (existing && existing.kc === kc) return existing;
  if (existing) void existing.stop();
  const cache = new ClusterCache(ref.name, kc, cacheSettings(), log);
  reg.caches.set(ref.name, cache);
  startReaper(reg);
  return cache;
}

/** The running cache of a cluster, if one was started (never starts one). */
export function existingCache(name: string): ClusterCache | undefined {
  return registry().caches.get(name);
}

/** The cache for a route or subscription parameter, or undefined when no such cluster is configured. */
export function cacheFor(param: unknown): ClusterCache | undefined {
  const ref = resolveCluster(param);
  return ref ? clusterCache(ref) : undefined;
}

function startReaper(reg: Registry): void {
  if (reg.reaper) return;
  reg.reaper = setInterval(() => {
    for (const cache of reg.caches.values()) {
      cache.reapIdle().catch((err: unknown) => log(`reaping ${cache.name} failed: ${String(err)}`));
    }
  }, REAP_INTERVAL_MS);
  // The reaper must never keep the process (or a test run) alive on its own.
  reg.reaper.unref();
}
