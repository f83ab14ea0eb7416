import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { podsKind } from '@/lib/k8s/kinds/pods';
import { ClusterCache } from '@/server/k8s/cache';
import { StreamHub, type StreamMessage } from '@/server/k8s/stream-hub';
import { parseSubscriptions, type Subscription } from '@/server/k8s/subscriptions';
import { clients, createNamespace, deleteNamespace, kubeConfig, mergePatch, waitFor } from '@/local-cluster/test/kube';

// The stream hub against the real local API server: changes reach a subscriber who may list them within
// a second, never one who may not, and a reconnect replays what it missed.

const admin = clients('admin');
const settings = {
  requestTimeoutMs: 10_000,
  pageSize: 500,
  idleMs: 60_000,
  accessTtlMs: 5_000,
  accessMaxEntries: 1000,
};
const cache = new ClusterCache('local', kubeConfig('dashboard'), settings, () => undefined);
const cacheFor = (name: string) => (name === 'local' ? cache : undefined);
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
let ns = '';

function subs(...raw: string[]): Subscription[] {
  const parsed = parseSubscriptions(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.subscriptions;
}

function pod(name: string) {
  return { metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } };
}

const changesOf = (messages: StreamMessage[], name: string) =>
  messages.filter((m) => m.event === 'change' && m.data.summary.name === name && m.data.summary.namespace === ns);

beforeAll(async () => {
  ns = await createNamespace(admin, 'stream');
  // Objects present at the first list are not news; start the pod reflector before creating any.
  expect(await (await cache.reflector(podsKind)).ready(15_000)).toBe(true);
});

afterAll(async () => {
  await cache.stop();
  await deleteNamespace(admin, ns);
});

describe('stream hub', () => {
  const hub = new StreamHub(1000);

  it('delivers changes to alice within a second, and none to bob', async () => {
    const forAlice: StreamMessage[] = [];
    const forBob: StreamMessage[] = [];
    const closeAlice = await hub.open({
      who: alice,
      subscriptions: subs(`local:pods:${ns}`),
      cacheFor,
      send: (m) => forAlice.push(m),
    });
    const closeBob = await hub.open({
      who: bob,
      subscriptions: subs(`local:pods:${ns}`, 'local:pods'),
      cacheFor,
      send: (m) => forBob.push(m),
    });
    try {
      let started = Date.now();
      await admin.core.createNamespacedPod({ namespace: ns, body: pod('web') });
      await waitFor(() => changesOf(forAlice, 'web').length > 0, 1_000, 'the ADDED event for alice', 10);
      expect(Date.now() - started).toBeLessThan(1_000);
      const added = changesOf(forAlice, 'web')[0];
      expect(added?.event === 'change' && added.data).toMatchObject({ cluster: 'local', kind: 'pods', type: 'ADDED' });
      expect(added?.id).toMatch(new RegExp(`^${hub.bootId}-\\d+$`));

      started = Date.now();
      await admin.core.patchNamespacedPod(
        { namespace: ns, name: 'web', body: { metadata: { labels: { tier: 'front' } } } },
        mergePatch,
      );
      await waitFor(
        () => changesOf(forAlice, 'web').some((m) => m.event === 'change' && m.data.summary.labels.tier === 'front'),
        1_000,
        'the MODIFIED event for alice',
        10,
      );
      expect(Date.now() - started).toBeLessThan(1_000);

      await new Promise((r) => setTimeout(r, 500)); // room for anything bob should not get
      expect(forBob.filter((m) => m.event === 'change' && m.data.summary.namespace === ns)).toEqual([]);
      expect(forBob.filter((m) => m.event === 'resync')).toEqual([]);
    } finally {
      closeAlice();
      closeBob();
    }
    expect(hub.feedCount).toBe(0);
  });

  it('replays missed changes after Last-Event-ID, and asks for a resync when it cannot', async () => {
    const first: StreamMessage[] = [];
    const close = await hub.open({
      who: alice,
      subscriptions: subs(`local:pods:${ns}`),
      cacheFor,
      send: (m) => first.push(m),
    });
    try {
      await admin.core.createNamespacedPod({ namespace: ns, body: pod('api') });
      await waitFor(() => changesOf(first, 'api').length > 0, 2_000, 'the ADDED event', 10);
      const seenId = changesOf(first, 'api')[0]?.id ?? '';
      await admin.core.patchNamespacedPod(
        { namespace: ns, name: 'api', body: { metadata: { labels: { v: '2' } } } },
        mergePatch,
      );
      await waitFor(() => changesOf(first, 'api').length > 1, 2_000, 'the MODIFIED event', 10);

      // A second stream resumes after the first event: it gets the later ones, not the first again.
      const resumed: StreamMessage[] = [];
      const closeResumed = await hub.open({
        who: alice,
        subscriptions: subs(`local:pods:${ns}`),
        lastEventId: seenId,
        cacheFor,
        send: (m) => resumed.push(m),
      });
      await waitFor(() => changesOf(resumed, 'api').length > 0, 2_000, 'the replay', 10);
      expect(resumed.some((m) => m.id === seenId)).toBe(false);
      expect(changesOf(resumed, 'api')[0]?.id).toBe(changesOf(first, 'api')[1]?.id);
      closeResumed();

      // An id from another server process cannot be replayed.
      const stale: StreamMessage[] = [];
      const closeStale = await hub.open({
        who: alice,
        subscriptions: subs(`local:pods:${ns}`),
        lastEventId: '00000000-5',
        cacheFor,
        send: (m) => stale.push(m),
      });
      await waitFor(() => stale.length > 0, 2_000, 'the resync', 10);
      expect(stale[0]).toMatchObject({ event: 'resync', data: { cluster: 'local', kind: 'pods' } });
      closeStale();
    } finally {
      close();
    }
  });
  it('replays a change made between a list and the stream that opens from the list’s position', async () => {
    // The list API hands out this position with the list, read before the store.
    const position = await hub.position(cache, podsKind);
    await admin.core.createNamespacedPod({ namespace: ns, body: pod('gap') });
    const reflector = await cache.reflector(podsKind);
    await waitFor(() => reflector.store.get(`${ns}/gap`) !== undefined, 5_000, 'the cache to hold the pod', 10);

    const fromList: StreamMessage[] = [];
    const plain: StreamMessage[] = [];
    const close = await hub.open({
      who: alice,
      subscriptions: subs(`local:pods:${ns}`),
      lastEventId: position,
      cacheFor,
      send: (m) => fromList.push(m),
    });
    const closePlain = await hub.open({
      who: alice,
      subscriptions: subs(`local:pods:${ns}`),
      cacheFor,
      send: (m) => plain.push(m),
    });
    try {
      await waitFor(() => fromList.some((m) => m.event === 'ready'), 2_000, 'ready (from the list)', 10);
      await waitFor(() => plain.some((m) => m.event === 'ready'), 2_000, 'ready (plain)', 10);
      // Opened from the list's position: the missed ADDED is replayed, then `ready` says so.
      const isAdded = (m: StreamMessage) =>
        m.event === 'change' && m.data.summary.name === 'gap' && m.data.type === 'ADDED';
      const replayed = fromList.findIndex(isAdded);
      const ready = fromList.findIndex((m) => m.event === 'ready');
      expect(replayed).toBeGreaterThanOrEqual(0);
      expect(replayed).toBeLessThan(ready);
      expect(fromList[ready]).toMatchObject({ event: 'ready', data: { from: position } });
      // Opened without it: nothing replayed, and `ready` starts after the change, so a client holding
      // a list read at `position` knows it must refetch.
      // (later MODIFIED events — scheduling, status — may reach both streams live)
      expect(plain.filter(isAdded)).toEqual([]);
      const plainReady = plain.find((m) => m.event === 'ready');
      const seq = (id: string) => Number(id.split('-')[1]);
      expect(plainReady?.event === 'ready' && seq(plainReady.data.from)).toBeGreaterThan(seq(position));
    } finally {
      close();
      closePlain();
    }
    // The position's feed keeps recording for a while after the streams close (POSITION_LINGER_MS).
    expect(hub.feedCount).toBe(1);
  });
});
