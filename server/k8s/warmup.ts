import 'server-only';

import { kindById } from '@/lib/k8s/kinds';
import { serverEnv } from '@/server/env';
import { configuredClusterNames } from '@/server/k8s/cluster';
import { clusterCache } from '@/server/k8s/registry';
import { logger } from '@/server/observability/log';

// At startup each cluster's most-read kinds are listed and watched (and held: they are what nearly
// every page reads), so the first person does not wait for a 10k-pod LIST and readiness can say when
// the caches are warm. A cluster that cannot be reached is *reported* — readiness then passes anyway:
// every replica sees the same outage, and taking them all out of the load balancer would turn a
// cluster problem into a dashboard outage (and hide the clear "unreachable" panel people would see).

export const WARM_KINDS = ['namespaces', 'pods', 'deployments'] as const;

export type WarmState =
  { state: 'starting' } | { state: 'ready'; ms: number } | { state: 'unreachable'; reason: string; ms: number };

const KEY = Symbol.for('wheelhouse.k8s.warmup');

function states(): Map<string, WarmState> {
  const g = globalThis as typeof globalThis & { [KEY]?: Map<string, WarmState> };
  g[KEY] ??= new Map();
  return g[KEY];
}

const log = logger('warmup');

async function warmCluster(name: string): Promise<Exclude<WarmState, { state: 'starting' }>> {
  const started = Date.now();
  // Long enough for a paginated 10k-pod LIST on a busy API server; a failed attempt ends it sooner.
  const waitMs = Math.max(30_000, serverEnv().k8sTimeoutMs * 4);
  try {
    const cache = clusterCache({ name });
    const results = await Promise.all(
      WARM_KINDS.map(async (id) => {
        const kind = kindById(id);
        if (!kind) return undefined;
        const reflector = await cache.reflector(kind);
        cache.hold(kind.id);
        return (await reflector.ready(waitMs))
          ? undefined
          : (reflector.lastError?.message ?? `no list within ${waitMs} ms`);
      }),
    );
    const failure = results.find((r) => r !== undefined);
    const ms = Date.now() - started;
    return failure ? { state: 'unreachable', reason: failure, ms } : { state: 'ready', ms };
  } catch (err) {
    return { state: 'unreachable', reason: err instanceof Error ? err.message : String(err), ms: Date.now() - started };
  }
}

/** Starts the warm-up of every configured cluster (once per process); readiness reads the outcome. */
export function warmClusters(): void {
  const all = states();
  for (const name of configuredClusterNames()) {
    if (all.has(name)) continue;
    all.set(name, { state: 'starting' });
    void warmCluster(name).then((result) => {
      all.set(name, result);
      if (result.state === 'unreachable') log.warn({ cluster: name, ...result }, 'cluster unreachable at startup');
      else log.info({ cluster: name, ...result }, 'caches warm');
    });
  }
}

/** Warm-up state per configured cluster (clusters added later start warming now). */
export function warmupStates(): Map<string, WarmState> {
  warmClusters();
  return states();
}
