import { describe, expect, it } from 'vitest';

import { StreamEvictedError, UserStreams, evictionFarewell } from '@/server/k8s/stream-limits';

describe('UserStreams', () => {
  it('closes the oldest stream of a person past the cap, and only theirs', () => {
    const streams = new UserStreams(3);
    const alice = [streams.open('alice'), streams.open('alice'), streams.open('alice')];
    const bob = streams.open('bob');
    expect(alice.some((s) => s.signal.aborted)).toBe(false);
    const fourth = streams.open('alice');
    expect(alice[0]?.signal.aborted).toBe(true);
    expect(alice[0]?.signal.reason).toBeInstanceOf(StreamEvictedError);
    expect([alice[1]?.signal.aborted, alice[2]?.signal.aborted, fourth.signal.aborted, bob.signal.aborted]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(streams.count('alice')).toBe(3);
    expect(streams.count('bob')).toBe(1);
  });

  it('frees a place when a stream ends, so nothing is evicted', () => {
    const streams = new UserStreams(2);
    const a = streams.open('alice');
    const b = streams.open('alice');
    a.release();
    a.release(); // twice is harmless
    const c = streams.open('alice');
    expect([b.signal.aborted, c.signal.aborted]).toEqual([false, false]);
    expect(streams.count('alice')).toBe(2);
  });

  it('tells an evicted stream to wait before reconnecting', () => {
    expect(evictionFarewell(new StreamEvictedError())).toMatch(
      /^retry: 30000\nevent: closed\ndata: .*too-many-streams/,
    );
    expect(evictionFarewell(new Error('signed out'))).toBeUndefined();
  });
});
