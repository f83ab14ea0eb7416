import { describe, expect, it } from 'vitest';

import type { ClusterCache } from '@/server/k8s/cache';
import { EventRing } from '@/server/k8s/event-ring';
import {
  MAX_REPLAY_BYTES,
  MAX_REPLAY_EVENTS,
  Session,
  type ChangeEvent,
  type SessionHub,
  type StreamMessage,
} from '@/server/k8s/stream-session';
import { fakeFeed } from '@/server/k8s/testing/fake-feed';

// Replays are bounded (ADR 0016): a reconnect that missed more than a connection may hold unsent gets
// `resync` instead, or the replay itself would overflow the connection's buffer and close it again.
// The hub here is a real EventRing behind the Session's own hub interface; no change needs an access
// check, because none is delivered.

function hubWith(events: number, summaryBytes: number): { hub: SessionHub; lastSeq: number } {
  const ring = new EventRing<ChangeEvent>(5000);
  for (let i = 0; i < events; i++) {
    ring.push({
      cluster: 'local',
      kind: 'pods',
      type: 'MODIFIED',
      summary: {
        uid: `u${i}`,
        namespace: 'a',
        name: `p${i}`,
        resourceVersion: String(i),
        labels: { pad: 'x'.repeat(summaryBytes) },
      },
    });
  }
  const feed = fakeFeed();
  const hub: SessionHub = {
    attach: () => Promise.resolve(feed),
    detach: () => undefined,
    replay: (after) => ring.since(after),
    get lastSeq() {
      return ring.lastId;
    },
    parseId: (id) => (id?.startsWith('boot-') ? Number(id.slice(5)) : undefined),
    formatId: (seq) => `boot-${seq}`,
  };
  return { hub, lastSeq: ring.lastId };
}

async function reconnect(hub: SessionHub, lastEventId: string): Promise<StreamMessage[]> {
  const sent: StreamMessage[] = [];
  const session = new Session(hub, {
    who: { user: 'alice', groups: [] },
    subscriptions: [{ cluster: 'local', kind: 'pods', namespace: 'a' }],
    lastEventId,
    cacheFor: () => ({}) as ClusterCache,
    send: (m) => sent.push(m),
  });
  await session.attach();
  session.start(lastEventId);
  // Messages go out through a promise chain: wait until `ready` is out.
  for (let i = 0; i < 100 && !sent.some((m) => m.event === 'ready'); i++) await new Promise((r) => setImmediate(r));
  session.close();
  return sent;
}

describe('Session replay limits', () => {
  it(`answers resync when more than ${MAX_REPLAY_EVENTS} events were missed`, async () => {
    const { hub } = hubWith(MAX_REPLAY_EVENTS + 1, 10);
    const sent = await reconnect(hub, 'boot-0');
    expect(sent.map((m) => m.event)).toEqual(['resync', 'ready']);
    expect(sent[0]?.data).toEqual({ cluster: 'local', kind: 'pods' });
  });

  it(`answers resync when the missed summaries exceed ${MAX_REPLAY_BYTES / 1024} KiB`, async () => {
    const { hub } = hubWith(100, 8 * 1024);
    const sent = await reconnect(hub, 'boot-0');
    expect(sent.map((m) => m.event)).toEqual(['resync', 'ready']);
  });

  it('says from where it is complete after a resync: now, not the old position', async () => {
    const { hub, lastSeq } = hubWith(MAX_REPLAY_EVENTS + 1, 10);
    const sent = await reconnect(hub, 'boot-0');
    const ready = sent.find((m) => m.event === 'ready');
    expect(ready?.data).toEqual({ from: `boot-${lastSeq}` });
  });
});
