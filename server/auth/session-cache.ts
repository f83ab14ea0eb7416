import 'server-only';

import { createHash } from 'node:crypto';

import { SESSION_COOKIE_NAME } from '@/server/auth/cookies';

// Decoding a next-auth session (getServerSession runs next-auth's whole session action: cookie
// parsing, JWE decryption, callbacks) cost ~10 ms per request in the benchmark, the largest part of a
// warm list request. A session cookie is immutable — the same bytes always decode to the same
// session — so its decoded form can be remembered briefly, keyed by a hash of the cookie (never the
// cookie itself). Revocation is still checked on every request by the caller, and an entry never
// outlives the session's own expiry.

export interface Expiring {
  expiresAt: number;
}

export interface SessionCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

/** The session cookies next-auth may set (plain, __Host- or __Secure- prefixed, and chunked `.0`, `.1`, …). */
export function sessionCookieKey(cookies: readonly { name: string; value: string }[]): string | undefined {
  const parts = cookies
    .filter((c) => SESSION_COOKIE_NAME.test(c.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => `${c.name}=${c.value}`);
  if (parts.length === 0) return undefined;
  return createHash('sha256').update(parts.join(';')).digest('base64url');
}

export class SessionCache<T extends Expiring> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(private readonly options: SessionCacheOptions) {}

  get(key: string, now = Date.now()): T | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (!(hit.until > now)) {
      this.entries.delete(key);
      return undefined;
    }
    // Map order doubles as recency order for the bound below.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: T, now = Date.now()): void {
    const until = Math.min(now + this.options.ttlMs, value.expiresAt);
    // `!(>)` also refuses NaN, so a session without a readable expiry is never cached.
    if (!(until > now)) return;
    this.entries.delete(key);
    this.entries.set(key, { value, until });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
