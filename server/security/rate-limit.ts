import 'server-only';

import { createHash } from 'node:crypto';

import { API_RESPONSE_HEADERS } from '@/lib/security/headers';
import { counter } from '@/server/observability/metrics';
import { logger } from '@/server/observability/log';

// Token buckets that hold across replicas (issue 10 §3, ADR 0012). Each bucket is one number, its
// "theoretical arrival time" (GCRA, the token bucket written as a single timestamp): a take moves it
// one interval (period / capacity) into the future, and is refused when that would put it more than
// one period ahead of now. One number per key makes the update a single atomic upsert in SQLite or
// PostgreSQL (rate-limit-store.ts), so N replicas share one budget; `MemoryLimitStore` is the same
// arithmetic in process (unit tests, and the fallback while the database is unreachable).

export interface Policy {
  /** Tokens in a full bucket (the burst), refilled evenly over `periodMs`. */
  capacity: number;
  periodMs: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Milliseconds one token stands for (rounded up: never more generous than configured). */
export function intervalMs(policy: Policy): number {
  return Math.max(1, Math.ceil(policy.periodMs / policy.capacity));
}

/** The GCRA step: the bucket's new arrival time if the take is allowed, or how long to wait. */
export function gcra(tat: number | undefined, now: number, policy: Policy): { tat: number; result: TakeResult } {
  const interval = intervalMs(policy);
  const next = Math.max(tat ?? now, now) + interval;
  const burst = interval * policy.capacity;
  if (next - now <= burst) return { tat: next, result: { ok: true } };
  return {
    tat: tat ?? now,
    result: { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((next - now - burst) / 1000)) },
  };
}

/** Shared bucket state. Keys are opaque (see `bucketKey`); stores never see user names or addresses. */
export interface LimitStore {
  take(key: string, policy: Policy, now: number): Promise<TakeResult>;
  /** Gives one token back (a sign-in that succeeded, or one that was never checked). */
  give(key: string, policy: Policy, now: number): Promise<void>;
  /** Marks `key` until `untilMs` (a known sign-in address), or reads whether it is marked. */
  remember(key: string, untilMs: number): Promise<void>;
  recalls(key: string, now: number): Promise<boolean>;
}

/**
 * The stored key of a bucket: a hash, so the database never holds what someone typed as a user name
 * (people do type passwords there) and keys have a fixed length whatever the input.
 */
export function bucketKey(kind: string, ...parts: string[]): string {
  return createHash('sha256')
    .update([kind, ...parts].join('\u0000'))
    .digest('hex');
}

/** Keys are bounded: expired entries are swept, and past this many the oldest go first. */
const MAX_KEYS = 50_000;

export class MemoryLimitStore implements LimitStore {
  private readonly tats = new Map<string, number>();
  private readonly marks = new Map<string, number>();

  take(key: string, policy: Policy, now: number): Promise<TakeResult> {
    const step = gcra(this.tats.get(key), now, policy);
    if (step.result.ok) this.set(this.tats, key, step.tat, now);
    return Promise.resolve(step.result);
  }

  give(key: string, policy: Policy, now: number): Promise<void> {
    const tat = this.tats.get(key);
    if (tat !== undefined) {
      const back = tat - intervalMs(policy);
      if (back <= now) this.tats.delete(key);
      else this.tats.set(key, back);
    }
    return Promise.resolve();
  }

  remember(key: string, untilMs: number): Promise<void> {
    this.set(this.marks, key, untilMs, Date.now());
    return Promise.resolve();
  }

  recalls(key: string, now: number): Promise<boolean> {
    return Promise.resolve((this.marks.get(key) ?? 0) > now);
  }

  get size(): number {
    return this.tats.size;
  }

  private set(map: Map<string, number>, key: string, value: number, now: number): void {
    map.delete(key);
    if (map.size >= MAX_KEYS) {
      for (const [k, v] of map) if (v <= now) map.delete(k);
      for (const k of map.keys()) {
        if (map.size < MAX_KEYS) break;
        map.delete(k);
      }
    }
    map.set(key, value);
  }
}

const rateLimited = counter({
  name: 'wheelhouse_rate_limited_total',
  help: 'Requests refused with 429, by budget (signin-pair, signin-address, signin-user, signin-global, mutation)',
  labelNames: ['budget'],
});

export type Budget = 'signin-pair' | 'signin-address' | 'signin-user' | 'signin-global' | 'mutation';

export function countRateLimited(budget: Budget): void {
  rateLimited.inc({ budget });
}

const log = logger('rate-limit');

/**
 * The database is the truth; while it cannot be reached, each replica limits on its own (budgets then
 * hold per replica, N times looser, instead of sign-in and writes failing for everyone). Denials are
 * also remembered locally until their Retry-After, so a flood against a spent bucket costs no queries.
 */
export class ResilientLimitStore implements LimitStore {
  private readonly fallback = new MemoryLimitStore();
  private readonly deniedUntil = new Map<string, number>();
  private warned = 0;

  constructor(private readonly primary: () => Promise<LimitStore>) {}

  async take(key: string, policy: Policy, now: number): Promise<TakeResult> {
    const until = this.deniedUntil.get(key);
    if (until !== undefined && until > now) return { ok: false, retryAfterSeconds: Math.ceil((until - now) / 1000) };
    const result = await this.attempt(
      (s) => s.take(key, policy, now),
      (s) => s.take(key, policy, now),
    );
    if (!result.ok) {
      if (this.deniedUntil.size >= MAX_KEYS) this.deniedUntil.clear();
      this.deniedUntil.set(key, now + result.retryAfterSeconds * 1000);
    }
    return result;
  }

  async give(key: string, policy: Policy, now: number): Promise<void> {
    this.deniedUntil.delete(key);
    await this.attempt(
      (s) => s.give(key, policy, now),
      (s) => s.give(key, policy, now),
    );
  }

  remember(key: string, untilMs: number): Promise<void> {
    return this.attempt(
      (s) => s.remember(key, untilMs),
      (s) => s.remember(key, untilMs),
    );
  }

  recalls(key: string, now: number): Promise<boolean> {
    return this.attempt(
      (s) => s.recalls(key, now),
      (s) => s.recalls(key, now),
    );
  }

  private async attempt<T>(run: (s: LimitStore) => Promise<T>, local: (s: LimitStore) => Promise<T>): Promise<T> {
    try {
      return await run(await this.primary());
    } catch (err) {
      if (Date.now() - this.warned > 60_000) {
        this.warned = Date.now();
        log.warn({ err }, 'rate-limit database unreachable: limiting in this process only');
      }
      return local(this.fallback);
    }
  }
}

/** A 429 JSON response with Retry-After, for route handlers. */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return Response.json(
    { error: { kind: 'rate-limited', message: `Too many requests; try again in ${retryAfterSeconds} s` } },
    {
      status: 429,
      headers: { ...API_RESPONSE_HEADERS, 'Retry-After': String(retryAfterSeconds) },
    },
  );
}
