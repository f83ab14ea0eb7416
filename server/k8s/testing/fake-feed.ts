import 'server-only';

import type { ClusterCache } from '@/server/k8s/cache';
import type { Reflector } from '@/server/k8s/reflector';
import type { Feed } from '@/server/k8s/stream-session';

// Test-only: a live-stream feed of pods on cluster "local", ready, with no sinks yet. Sessions are
// tested against their hub interface; this is what the hub hands them on attach.

export function fakeFeed(cache: ClusterCache = {} as ClusterCache): Feed {
  return {
    cluster: 'local',
    cache,
    kind: { id: 'pods' } as Feed['kind'],
    reflector: { state: 'ready' } as Reflector,
    startedAt: 0,
    sinks: new Set(),
    stateSinks: new Set(),
    lingerUntil: 0,
    stop: () => undefined,
  };
}
