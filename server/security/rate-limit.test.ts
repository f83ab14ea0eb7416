import { describe, expect, it } from 'vitest';

import { type LimitStore, MemoryLimitStore, ResilientLimitStore, bucketKey, gcra, tooManyRequests } from './rate-limit';

const perMinute = (capacity: number) => ({ capacity, periodMs: 60_000 });

describe('gcra / MemoryLimitStore', () => {
  it('allows a burst of `capacity`, then refuses with the wait until the next token', async () => {
    const store = new MemoryLimitStore();
    const policy = perMinute(3);
    const takes = [
      await store.take('a', policy, 0),
      await store.take('a', policy, 0),
      await store.take('a', policy, 0),
    ];
    expect(takes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await store.take('a', policy, 0)).toEqual({ ok: false, retryAfterSeconds: 20 });
    // Keys are independent.
    expect(await store.take('b', policy, 0)).toEqual({ ok: true });
    expect(await store.take('a', policy, 10_000)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(await store.take('a', policy, 20_000)).toEqual({ ok: true });
  });

  it('refills continuously up to capacity, never beyond', async () => {
    const store = new MemoryLimitStore();
    const policy = { capacity: 2, periodMs: 1_000 };
    await store.take('a', policy, 0);
    await store.take('a', policy, 0);
    const later = [
      await store.take('a', policy, 10_000),
      await store.take('a', policy, 10_000),
      await store.take('a', policy, 10_000),
    ];
    expect(later.map((r) => r.ok)).toEqual([true, true, false]);
  });

  it('a refused take does not push the wait further out', () => {
    const policy = perMinute(1);
    const first = gcra(undefined, 0, policy);
    const refused = gcra(first.tat, 0, policy);
    expect(refused.result).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(refused.tat).toBe(first.tat);
  });

  it('a token given back can be taken again, and a full bucket is forgotten', async () => {
    const store = new MemoryLimitStore();
    const policy = perMinute(1);
    expect((await store.take('k', policy, 0)).ok).toBe(true);
    expect((await store.take('k', policy, 0)).ok).toBe(false);
    await store.give('k', policy, 0);
    expect(store.size).toBe(0);
    expect((await store.take('k', policy, 0)).ok).toBe(true);
  });

  it('remembers marks until they expire', async () => {
    const store = new MemoryLimitStore();
    await store.remember('m', 1_000);
    expect(await store.recalls('m', 999)).toBe(true);
    expect(await store.recalls('m', 1_000)).toBe(false);
    expect(await store.recalls('other', 0)).toBe(false);
  });
});

describe('bucketKey', () => {
  it('is a fixed-length hash that keeps parts apart', () => {
    expect(bucketKey('signin-pair', '10.0.0.1', 'bob')).toMatch(/^[0-9a-f]{64}$/);
    expect(bucketKey('x', 'a|b', 'c')).not.toBe(bucketKey('x', 'a', 'b|c'));
    expect(bucketKey('signin-pair', '10.0.0.1', 'bob')).not.toContain('bob');
  });
});

describe('ResilientLimitStore', () => {
  it('limits in process while the database is unreachable', async () => {
    const store = new ResilientLimitStore(() => Promise.reject(new Error('database down')));
    const policy = perMinute(2);
    const results = [
      await store.take('k', policy, 0),
      await store.take('k', policy, 0),
      await store.take('k', policy, 0),
    ];
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
  });

  it('answers a spent bucket from its own memory until Retry-After, without asking the store', async () => {
    let asked = 0;
    const inner = new MemoryLimitStore();
    const counting: LimitStore = {
      take: (...args) => {
        asked++;
        return inner.take(...args);
      },
      give: (...args) => inner.give(...args),
      remember: (...args) => inner.remember(...args),
      recalls: (...args) => inner.recalls(...args),
    };
    const store = new ResilientLimitStore(() => Promise.resolve(counting));
    const policy = perMinute(1);
    await store.take('k', policy, 0);
    expect(await store.take('k', policy, 0)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(asked).toBe(2);
    expect(await store.take('k', policy, 30_000)).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(asked).toBe(2);
    expect(await store.take('k', policy, 60_000)).toEqual({ ok: true });
    expect(asked).toBe(3);
  });
});

describe('tooManyRequests', () => {
  it('answers 429 with Retry-After and no caching', () => {
    const res = tooManyRequests(7);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });
});
