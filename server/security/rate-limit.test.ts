import { describe, expect, it } from 'vitest';

import { TokenBuckets, takeToken, tooManyRequests } from './rate-limit';

describe('TokenBuckets', () => {
  it('allows a burst of `capacity`, then refuses with the wait until the next token', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, periodMs: 60_000 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    // Keys are independent.
    expect(buckets.take('b')).toEqual({ ok: true });
    now += 10_000;
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 10_000;
    expect(buckets.take('a')).toEqual({ ok: true });
  });

  it('refills continuously up to capacity and forgets full buckets', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, periodMs: 1_000 }, () => now);
    buckets.take('a');
    buckets.take('a');
    now += 10_000;
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a').ok).toBe(false);
    buckets.give('a');
    buckets.give('a');
    expect(buckets.size).toBe(0);
  });

  it('a returned token can be taken again', () => {
    const buckets = new TokenBuckets({ capacity: 1, periodMs: 60_000 }, () => 0);
    expect(buckets.take('k').ok).toBe(true);
    expect(buckets.take('k').ok).toBe(false);
    buckets.give('k');
    expect(buckets.take('k').ok).toBe(true);
  });
});

describe('takeToken', () => {
  it('limits sign-in attempts per key with the configured default (10 a minute)', () => {
    const key = `198.51.100.7|mallory-${Math.random()}`;
    const results = Array.from({ length: 11 }, () => takeToken('signin', key));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results[10]).toMatchObject({ ok: false });
  });

  it('per user name across addresses allows five times as many', () => {
    const key = `mallory-${Math.random()}`;
    const results = Array.from({ length: 51 }, () => takeToken('signin-user', key));
    expect(results.filter((r) => r.ok)).toHaveLength(50);
  });

  it('answers 429 with Retry-After', () => {
    const res = tooManyRequests(7);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });
});
