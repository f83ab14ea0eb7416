import { describe, expect, it } from 'vitest';

import { SessionCache, sessionCookieKey } from './session-cache';

describe('sessionCookieKey', () => {
  it('is undefined without a session cookie', () => {
    expect(sessionCookieKey([{ name: 'other', value: 'x' }])).toBeUndefined();
    expect(sessionCookieKey([{ name: 'next-auth.csrf-token', value: 'x' }])).toBeUndefined();
  });

  it('hashes plain, secure and chunked session cookies, never returning the cookie itself', () => {
    const plain = sessionCookieKey([{ name: 'next-auth.session-token', value: 'abc' }]);
    const secure = sessionCookieKey([{ name: '__Secure-next-auth.session-token', value: 'abc' }]);
    const host = sessionCookieKey([{ name: '__Host-next-auth.session-token', value: 'abc' }]);
    const chunked = sessionCookieKey([
      { name: 'next-auth.session-token.1', value: 'b' },
      { name: 'next-auth.session-token.0', value: 'a' },
    ]);
    expect(plain).toBeDefined();
    expect(plain).not.toContain('abc');
    expect(new Set([plain, secure, host, chunked]).size).toBe(4);
    // chunk order in the header does not matter
    expect(
      sessionCookieKey([
        { name: 'next-auth.session-token.0', value: 'a' },
        { name: 'next-auth.session-token.1', value: 'b' },
      ]),
    ).toBe(chunked);
  });

  it('differs when the cookie value differs', () => {
    const a = sessionCookieKey([{ name: 'next-auth.session-token', value: 'a' }]);
    const b = sessionCookieKey([{ name: 'next-auth.session-token', value: 'b' }]);
    expect(a).not.toBe(b);
  });
});

describe('SessionCache', () => {
  const session = (expiresAt: number) => ({ expiresAt, user: 'alice' });

  it('returns an entry until its TTL', () => {
    const cache = new SessionCache<ReturnType<typeof session>>({ ttlMs: 1000, maxEntries: 10 });
    cache.set('k', session(10_000), 0);
    expect(cache.get('k', 999)?.user).toBe('alice');
    expect(cache.get('k', 1000)).toBeUndefined();
  });

  it('never outlives the session expiry, and ignores expired sessions', () => {
    const cache = new SessionCache<ReturnType<typeof session>>({ ttlMs: 60_000, maxEntries: 10 });
    cache.set('k', session(500), 0);
    expect(cache.get('k', 499)).toBeDefined();
    expect(cache.get('k', 500)).toBeUndefined();
    cache.set('old', session(100), 200);
    cache.set('nan', session(Number.NaN), 200);
    expect(cache.size).toBe(0);
  });

  it('is bounded, evicting the least recently used entry', () => {
    const cache = new SessionCache<ReturnType<typeof session>>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', session(1e9), 0);
    cache.set('b', session(1e9), 0);
    cache.get('a', 1);
    cache.set('c', session(1e9), 2);
    expect(cache.get('a', 3)).toBeDefined();
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('c', 3)).toBeDefined();
  });
});
