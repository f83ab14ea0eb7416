import 'server-only';

import type { ReflectorState } from '@/server/k8s/reflector';
import { configuredClusterNames } from '@/server/k8s/cluster';
import { existingCache } from '@/server/k8s/registry';
import { gauge } from '@/server/observability/metrics';

// The shared cache's state per cluster and kind, read at scrape time from the running reflectors
// (counters of lists, relists, watch restarts and events live in reflector.ts). A kind nobody has
// used has no reflector and so no series.

const STATES: readonly ReflectorState[] = ['syncing', 'ready', 'stale', 'stopped'];

function eachReflector(fn: (labels: { cluster: string; kind: string }, stats: CacheStat) => void): void {
  for (const cluster of configuredClusterNames()) {
    for (const stat of existingCache(cluster)?.stats() ?? []) fn({ cluster, kind: stat.kind }, stat);
  }
}

type CacheStat = ReturnType<NonNullable<ReturnType<typeof existingCache>>['stats']>[number];

gauge({
  name: 'wheelhouse_k8s_cache_objects',
  help: 'Objects held in the shared cache, per cluster and kind',
  labelNames: ['cluster', 'kind'],
  collect() {
    this.reset();
    eachReflector((labels, stat) => this.set(labels, stat.objects));
  },
});

gauge({
  name: 'wheelhouse_k8s_cache_state',
  help: 'Shared cache state per cluster and kind: 1 for the current state (syncing, ready, stale, stopped), else 0',
  labelNames: ['cluster', 'kind', 'state'],
  collect() {
    this.reset();
    eachReflector((labels, stat) => {
      for (const state of STATES) this.set({ ...labels, state }, stat.state === state ? 1 : 0);
    });
  },
});

/** Imported for its side effect: the gauges above exist in the registry before the first scrape. */
export const CACHE_METRICS = true;
