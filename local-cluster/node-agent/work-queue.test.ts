import { afterEach, describe, expect, it, vi } from 'vitest';

import { WorkQueue } from './work-queue';

afterEach(() => {
  vi.useRealTimers();
});

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('WorkQueue', () => {
  it('bounds concurrency and processes each key once per add', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: string[] = [];
    const releases: (() => void)[] = [];
    const q = new WorkQueue(async (key) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((r) => releases.push(r));
      inFlight--;
      done.push(key);
    }, 3);
    for (let i = 0; i < 10; i++) q.add(`k${i}`);
    q.add('k9');
    expect(q.inFlight).toBe(3);
    while (done.length < 10) {
      releases.shift()?.();
      await tick();
    }
    expect(peak).toBe(3);
    expect(done.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
  });

  it('re-runs a key that was added while it was being processed', async () => {
    const runs: string[] = [];
    let release: () => void = () => {};
    const q = new WorkQueue(async (key) => {
      runs.push(key);
      if (runs.length === 1) await new Promise<void>((r) => (release = r));
    }, 5);
    q.add('a');
    q.add('a');
    expect(runs).toEqual(['a']);
    release();
    await tick();
    await tick();
    expect(runs).toEqual(['a', 'a']);
  });

  it('fires delayed keys in order with one timer, earliest time winning', async () => {
    vi.useFakeTimers();
    const now = () => Date.now();
    const runs: string[] = [];
    const q = new WorkQueue(async (key) => void runs.push(key), 20, now);
    const t = Date.now();
    q.addAt('late', t + 3000);
    q.addAt('early', t + 1000);
    q.addAt('late', t + 2000);
    q.addAt('early', t + 5000);
    expect(q.pendingDelayed).toBe(2);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual(['early']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual(['early', 'late']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toEqual(['early', 'late']);
    q.stop();
  });

  it('keeps working when a handler throws', async () => {
    const runs: string[] = [];
    const q = new WorkQueue(async (key) => {
      runs.push(key);
      throw new Error('boom');
    }, 1);
    q.add('a');
    q.add('b');
    await tick();
    await tick();
    expect(runs).toEqual(['a', 'b']);
  });
});
