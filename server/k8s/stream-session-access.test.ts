import { describe, expect, it } from 'vitest';

import type { ClusterCache } from '@/server/k8s/cache';
import type { AccessQuery } from '@/server/k8s/access';
import { EventRing, type Sequenced } from '@/server/k8s/event-ring';
import type { Impersonation } from '@/server/k8s/transport';
import { Session, type ChangeEvent, type SessionHub, type StreamMessage } from '@/server/k8s/stream-session';
import { fakeFeed } from '@/server/k8s/testing/fake-feed';

// Which access questions a live stream asks per change (issue 14, change → event at 100k pods). Each
// change waits for its access answer, in order, so a question that misses the access cache holds back
// every later change of that stream. At 1,000 namespaces, with answers kept 10 s, an operator's stream
// asked about each namespace separately, fell 5 s behind the API server's own watch (p95), and kept
// falling. A person who may list a kind cluster-wide needs one answer; anyone else one per namespace
// (asked together, as lists ask them), not one per change.

const NAMESPACES = Array.from({ length: 200 }, (_, i) => `ns-${String(i).padStart(3, '0')}`);

/** An access cache that keeps nothing: every question it is asked is a review the API server answers. */
function fakeCache(mayListIn: (namespace: string) => boolean): { cache: ClusterCache; asked: string[] } {
  const asked: string[] = [];
  const cache = {
    name: 'local',
    access: {
      ttlMs: 10_000,
      allowed: async (_who: Impersonation, q: AccessQuery) => {
        asked.push(q.namespace ?? '');
        await new Promise((r) => setImmediate(r));
        return mayListIn(q.namespace ?? '');
      },
    },
    reflector: () => Promise.resolve({ store: { indexValues: () => NAMESPACES } }),
  } as unknown as ClusterCache;
  return { cache, asked };
}

async function stream(
  cache: ClusterCache,
  user: string,
  changes: readonly string[],
  delivered: number,
): Promise<StreamMessage[]> {
  const ring = new EventRing<ChangeEvent>(5000);
  let sink: ((e: Sequenced<ChangeEvent>) => void) | undefined;
  const feed = fakeFeed(cache);
  const hub: SessionHub = {
    attach: (_c, _k, s) => {
      sink = s;
      return Promise.resolve(feed);
    },
    detach: () => undefined,
    replay: (after) => ring.since(after),
    get lastSeq() {
      return ring.lastId;
    },
    parseId: () => undefined,
    formatId: (seq) => `boot-${seq}`,
  };
  const sent: StreamMessage[] = [];
  const session = new Session(hub, {
    who: { user, groups: [] },
    subscriptions: [{ cluster: 'local', kind: 'pods' }],
    cacheFor: () => cache,
    send: (m) => sent.push(m),
  });
  await session.attach();
  session.start(undefined);
  changes.forEach((namespace, i) => {
    const event: ChangeEvent = {
      cluster: 'local',
      kind: 'pods',
      type: 'MODIFIED',
      summary: { uid: `u${i}`, namespace, name: `p${i}`, resourceVersion: String(i + 1), labels: {} },
    };
    sink?.(ring.push(event));
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 2000 && sent.filter((m) => m.event === 'change').length < delivered; i++) await settle();
  for (let i = 0; i < 20; i++) await settle();
  session.close();
  return sent;
}

const changed = (sent: StreamMessage[]) =>
  sent.flatMap((m) => (m.event === 'change' ? [`${m.data.summary.namespace}/${m.data.summary.name}`] : []));

describe('a live stream’s access questions', () => {
  // Every namespace changes three times, interleaved, as a node agent's status updates do.
  const changes = [...NAMESPACES, ...NAMESPACES, ...NAMESPACES];

  it('asks once for a person who may list the kind cluster-wide, and delivers every change in order', async () => {
    const { cache, asked } = fakeCache(() => true);
    const sent = await stream(cache, 'alice', changes, changes.length);
    expect(changed(sent)).toEqual(changes.map((ns, i) => `${ns}/p${i}`));
    expect(asked.filter((ns) => ns !== '')).toEqual([]);
  });

  it('asks about each namespace once, not once per change, and delivers only what the person may list', async () => {
    const { cache, asked } = fakeCache((ns) => ns === 'ns-007' || ns === 'ns-150');
    const expected = changes.flatMap((ns, i) => (ns === 'ns-007' || ns === 'ns-150' ? [`${ns}/p${i}`] : []));
    const sent = await stream(cache, 'bob', changes, expected.length);
    expect(changed(sent)).toEqual(expected);
    const perNamespace = asked.filter((ns) => ns !== '');
    expect(new Set(perNamespace).size).toBe(NAMESPACES.length);
    expect(perNamespace.length).toBe(NAMESPACES.length);
  });
});
