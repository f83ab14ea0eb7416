import { describe, expect, it } from 'vitest';

import { SingleFlightCache } from '@/server/k8s/single-flight-cache';

describe('SingleFlightCache', () => {
  it('shares one load while in flight, reuses it for the TTL, then loads again', async () => {
    const cache = new SingleFlightCache<number>({ ttlMs: 1_000, maxEntries: 10 });
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    const a = cache.get('k', load, 0);
    const b = cache.get('k', load, 0);
    expect(a.outcome).toBe('miss');
    expect(b.outcome).toBe('shared');
    expect(await a.value).toBe(1);
    expect(await b.value).toBe(1);
    expect(cache.get('k', load, Date.now()).outcome).toBe('hit');
    expect(await cache.get('k', load, Date.now() + 5_000).value).toBe(2);
  });

  it('drops failures at once and evicts the least recently used', async () => {
    const cache = new SingleFlightCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    await cache.get('bad', () => Promise.reject(new Error('403')), 0).value.catch(() => undefined);
    expect(cache.get('bad', () => Promise.resolve(1)).outcome).toBe('miss');
    await cache.get('a', () => Promise.resolve(1)).value;
    await cache.get('b', () => Promise.resolve(2)).value;
    expect(cache.get('bad', () => Promise.resolve(3)).outcome).toBe('miss'); // 'bad' was evicted
    expect(cache.get('b', () => Promise.resolve(9)).outcome).toBe('hit');
  });
});
