import { describe, expect, it } from 'vitest';

import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('shares one load between concurrent callers and serves it until it expires', async () => {
    const cache = new TtlCache<number>(10);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', 1000, load, 0), cache.get('k', 1000, load, 10)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    expect(await cache.get('k', 1000, load, 999)).toBe(1);
    expect(await cache.get('k', 1000, load, 1000)).toBe(2);
  });

  it('shares an answer `keep` rejects with callers already waiting, then forgets it', async () => {
    const cache = new TtlCache<number[]>(10);
    let loads = 0;
    const load = async () => (++loads === 1 ? [] : [1]);
    const keep = (v: number[]) => v.length > 0;
    const [a, b] = await Promise.all([cache.get('k', 1000, load, 0, keep), cache.get('k', 1000, load, 1, keep)]);
    expect([a, b, loads]).toEqual([[], [], 1]);
    expect(await cache.get('k', 1000, load, 2, keep)).toEqual([1]);
    expect(await cache.get('k', 1000, load, 3, keep)).toEqual([1]);
    expect(loads).toBe(2);
  });

  it('forgets failures so that the next call tries again', async () => {
    const cache = new TtlCache<number>(10);
    await expect(cache.get('k', 1000, () => Promise.reject(new Error('down')), 0)).rejects.toThrow('down');
    await Promise.resolve();
    expect(await cache.get('k', 1000, async () => 7, 1)).toBe(7);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new TtlCache<string>(2);
    for (const k of ['a', 'b', 'c']) await cache.get(k, 1000, async () => k, 0);
    expect(cache.size).toBe(2);
    let reloaded = false;
    await cache.get('a', 1000, async () => ((reloaded = true), 'a'), 1);
    expect(reloaded).toBe(true);
  });
});
