import 'server-only';

import { serverEnv } from '@/server/env';

// In-memory token buckets (one replica; a shared store is the multi-replica follow-up, ADR 0004).
// A bucket holds `capacity` tokens and refills continuously at capacity per `periodMs`; a request
// takes one token or is refused with the seconds until one is back (HTTP 429 + Retry-After).

/** `signin-user`: per user name across all addresses (5× the per-address allowance), since a client
 *  that reaches Next directly can choose its X-Forwarded-For and so its address key. */
export type Bucket = 'signin' | 'signin-user' | 'mutation';
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface BucketPolicy {
  capacity: number;
  periodMs: number;
}

interface State {
  tokens: number;
  updatedAt: number;
}

/** Keys are bounded: full buckets are forgotten, and past this many the fullest are swept first. */
const MAX_KEYS = 50_000;

export class TokenBuckets {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly policy: BucketPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): TakeResult {
    const state = this.refilled(key);
    if (state.tokens >= 1) {
      state.tokens -= 1;
      this.states.set(key, state);
      return { ok: true };
    }
    this.states.set(key, state);
    const msPerToken = this.policy.periodMs / this.policy.capacity;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - state.tokens) * msPerToken) / 1000)) };
  }

  /** Gives a token back (e.g. a sign-in that succeeded should not count against the person). */
  give(key: string): void {
    const state = this.refilled(key);
    state.tokens = Math.min(this.policy.capacity, state.tokens + 1);
    if (state.tokens >= this.policy.capacity) this.states.delete(key);
    else this.states.set(key, state);
  }

  get size(): number {
    return this.states.size;
  }

  private refilled(key: string): State {
    const now = this.now();
    const prev = this.states.get(key);
    if (!prev) {
      if (this.states.size >= MAX_KEYS) this.sweep(now);
      return { tokens: this.policy.capacity, updatedAt: now };
    }
    const rate = this.policy.capacity / this.policy.periodMs;
    const tokens = Math.min(this.policy.capacity, prev.tokens + Math.max(0, now - prev.updatedAt) * rate);
    return { tokens, updatedAt: now };
  }

  private sweep(now: number): void {
    const rate = this.policy.capacity / this.policy.periodMs;
    for (const [key, s] of this.states) {
      if (s.tokens + (now - s.updatedAt) * rate >= this.policy.capacity) this.states.delete(key);
    }
    // Still full of active keys: drop the oldest entries rather than grow without bound.
    for (const key of this.states.keys()) {
      if (this.states.size < MAX_KEYS) break;
      this.states.delete(key);
    }
  }
}

const buckets = new Map<Bucket, TokenBuckets>();

function bucketsFor(bucket: Bucket): TokenBuckets {
  let b = buckets.get(bucket);
  if (!b) {
    const limits = serverEnv().rateLimits;
    const perMinute =
      bucket === 'mutation' ? limits.mutationsPerMinute : limits.signinPerMinute * (bucket === 'signin-user' ? 5 : 1);
    b = new TokenBuckets({ capacity: perMinute, periodMs: 60_000 });
    buckets.set(bucket, b);
  }
  return b;
}

/** Contract 3. Sign-in keys are `<ip>|<user>`; mutation keys are the Kubernetes user name. */
export function takeToken(bucket: Bucket, key: string): TakeResult {
  return bucketsFor(bucket).take(key);
}

export function returnToken(bucket: Bucket, key: string): void {
  bucketsFor(bucket).give(key);
}

/** A 429 JSON response with Retry-After, for route handlers. */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return Response.json(
    { error: { kind: 'rate-limited', message: `Too many requests; try again in ${retryAfterSeconds} s` } },
    {
      status: 429,
      headers: { 'Cache-Control': 'private, no-store', 'Retry-After': String(retryAfterSeconds) },
    },
  );
}
