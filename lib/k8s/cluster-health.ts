// What GET /api/clusters and the shell know about each configured cluster (plain, serializable).

import type { KubeErrorSummary } from '@/lib/k8s/dto';

export type CacheStateWord = 'syncing' | 'ready' | 'stale' | 'stopped';

export interface KindCacheHealth {
  /** Kind id, e.g. "pods". */
  kind: string;
  state: CacheStateWord;
  /** The objects the person may read; absent where they were not counted (the shell's header). */
  objects?: number;
  /** ISO time the list/watch was last (re)established. */
  syncedAt?: string;
  /** Why the watch is failing, while it is. */
  error?: string;
}

export interface ClusterHealth {
  name: string;
  /** API server URL; empty when the cluster's configuration could not be loaded. */
  server: string;
  reachable: boolean;
  /** GET /version, when reachable. */
  version?: { gitVersion: string; platform: string };
  /** Why it is unreachable, as a sentence a person can act on. */
  error?: KubeErrorSummary;
  /** ISO time of the last successful contact (version probe or any watch traffic). */
  lastContactAt?: string;
  /** ISO time of this check. */
  checkedAt: string;
  /** The shared cache's reflectors that are running for this cluster. */
  kinds: KindCacheHealth[];
}

/** Short reachability label for a badge. */
export function reachabilityLabel(health: Pick<ClusterHealth, 'reachable' | 'error'>): string {
  if (health.reachable) return 'Connected';
  const kind = health.error?.kind;
  if (kind === 'config') return 'Not configured';
  if (kind === 'unreachable' || kind === 'timeout' || kind === 'tls') return 'Unreachable';
  return 'Error';
}
