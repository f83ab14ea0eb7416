import { describe, expect, it } from 'vitest';

import { EventRing } from '@/server/k8s/event-ring';

const ids = (r: ReturnType<EventRing<string>['since']>) => (r.ok ? r.events.map((e) => e.id) : 'resync');

describe('EventRing', () => {
  it('numbers events from 1 and replays everything after an id', () => {
    const ring = new EventRing<string>(5);
    for (const e of ['a', 'b', 'c']) ring.push(e);
    expect(ring.lastId).toBe(3);
    expect(ids(ring.since(0))).toEqual([1, 2, 3]);
    expect(ids(ring.since(1))).toEqual([2, 3]);
    expect(ids(ring.since(3))).toEqual([]);
  });

  it('replays across the wrap-around while the missed events are still held', () => {
    const ring = new EventRing<string>(3);
    for (let i = 0; i < 7; i++) ring.push(`e${i}`);
    expect(ring.oldestId).toBe(5);
    expect(ids(ring.since(4))).toEqual([5, 6, 7]);
    const replay = ring.since(5);
    expect(replay.ok && replay.events.map((e) => e.event)).toEqual(['e5', 'e6']);
  });

  it('answers resync when missed events were overwritten', () => {
    const ring = new EventRing<string>(3);
    for (let i = 0; i < 7; i++) ring.push(`e${i}`);
    expect(ids(ring.since(3))).toBe('resync');
    expect(ids(ring.since(0))).toBe('resync');
  });

  it('answers resync for ids it never handed out', () => {
    const ring = new EventRing<string>(3);
    ring.push('a');
    expect(ids(ring.since(2))).toBe('resync');
    expect(ids(ring.since(-1))).toBe('resync');
    expect(ids(ring.since(1.5))).toBe('resync');
    expect(ids(ring.since(Number.NaN))).toBe('resync');
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new EventRing(0)).toThrow(RangeError);
  });
});
