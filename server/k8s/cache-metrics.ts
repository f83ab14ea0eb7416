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

// When each kind's current LIST started and when it was stored whole (the reflector's stats), so a cold
// start can be read apart from process boot: spawn → LIST start is the server's, LIST start → synced
// the API server's and the cache's (ADR 0002, amendment "Cold list"). No synced sample while a list runs.
function listTimestamp(name: `wheelhouse_${string}`, help: string, at: (stat: CacheStat) => number | undefined): void {
  gauge({
    name,
    help,
    labelNames: ['cluster', 'kind'],
    collect() {
      this.reset();
      eachReflector((labels, stat) => {
        const ms = at(stat);
        if (ms !== undefined) this.set(labels, ms / 1000);
      });
    },
  });
}

listTimestamp(
  'wheelhouse_k8s_cache_list_started_timestamp_seconds',
  'When the current (or last) full LIST of the kind started, Unix time in seconds, per cluster and kind',
  (stat) => stat.listStartedAt,
);
listTimestamp(
  'wheelhouse_k8s_cache_list_synced_timestamp_seconds',
  'When the LIST that started at ..._list_started_timestamp_seconds was stored whole, Unix time in seconds; absent while it runs',
  (stat) => stat.listSyncedAt,
);

/** Imported for its side effect: the gauges above exist in the registry before the first scrape. */
export const CACHE_METRICS = true;
