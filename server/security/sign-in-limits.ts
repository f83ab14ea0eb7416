import 'server-only';

import type { SignInLimits } from '@/server/auth/auth-env';
import { serverEnv } from '@/server/env';

import { normalUser } from './client-ip';
import { type Budget, type LimitStore, type Policy, bucketKey, countRateLimited } from './rate-limit';
import { sharedLimitStore } from './rate-limit-store';

// Who may try a password, how often (issue 11 item 1, ADR 0012). Four budgets, each a token bucket
// refilled per minute, taken before any password work and given back when the password was right, so
// they count failures:
//   pair     (address, user name)  — one address guessing one person's password;
//   address  (address)             — one address spraying one password over many names;
//   user     (user name)           — many addresses guessing one person's password;
//   global   (everything)          — a flood from everywhere at once.
// The user and global budgets are what an attacker who controls many addresses (or, without a proxy,
// forges X-Forwarded-For) can exhaust, and exhausting them must not lock the person out. So they
// apply only to addresses the user has never signed in from: after a successful sign-in, the
// (address, user) pair is "known" for 30 days, and a known pair is limited by its own pair budget
// only. The attacker's failures then slow strangers guessing the name, never the person at home.

export const KNOWN_FOR_MS = 30 * 24 * 3600 * 1000;

export type SignInBudget = Extract<Budget, `signin-${string}`>;

export interface SignInTicket {
  known: boolean;
  /** Buckets taken for this attempt, given back when the password was right or never checked. */
  taken: [key: string, policy: Policy][];
  knownKey: string;
}

export type SignInDecision =
  { ok: true; ticket: SignInTicket } | { ok: false; budget: SignInBudget; retryAfterSeconds: number };

const MINUTE = 60_000;

export class SignInLimiter {
  private readonly policies: Record<SignInBudget, Policy>;

  constructor(
    private readonly store: LimitStore,
    limits: Pick<SignInLimits, 'pairPerMinute' | 'addressPerMinute' | 'userPerMinute' | 'globalPerMinute'>,
    private readonly now: () => number = Date.now,
  ) {
    this.policies = {
      'signin-pair': { capacity: limits.pairPerMinute, periodMs: MINUTE },
      'signin-address': { capacity: limits.addressPerMinute, periodMs: MINUTE },
      'signin-user': { capacity: limits.userPerMinute, periodMs: MINUTE },
      'signin-global': { capacity: limits.globalPerMinute, periodMs: MINUTE },
    };
  }

  /** Takes one token from each budget that applies, or none at all when one is spent. */
  async check(address: string, userName: string): Promise<SignInDecision> {
    const user = normalUser(userName);
    const now = this.now();
    const knownKey = bucketKey('signin-known', address, user);
    const known = await this.store.recalls(knownKey, now);
    const budgets: [SignInBudget, string][] = [['signin-pair', bucketKey('signin-pair', address, user)]];
    if (!known) {
      budgets.push(
        ['signin-address', bucketKey('signin-address', address)],
        ['signin-user', bucketKey('signin-user', user)],
        ['signin-global', bucketKey('signin-global')],
      );
    }
    const taken: SignInTicket['taken'] = [];
    for (const [budget, key] of budgets) {
      const policy = this.policies[budget];
      const result = await this.store.take(key, policy, now);
      if (!result.ok) {
        // Refused attempts cost nothing elsewhere: the budgets already passed get their token back.
        await this.giveBack(taken);
        countRateLimited(budget);
        return { ok: false, budget, retryAfterSeconds: result.retryAfterSeconds };
      }
      taken.push([key, policy]);
    }
    return { ok: true, ticket: { known, taken, knownKey } };
  }

  /** The password was right: its tokens come back, and this address is known for this user. */
  async succeeded(ticket: SignInTicket): Promise<void> {
    await this.giveBack(ticket.taken);
    await this.store.remember(ticket.knownKey, this.now() + KNOWN_FOR_MS);
  }

  /** The password was never checked (the verifier was busy): the attempt costs nothing. */
  async release(ticket: SignInTicket): Promise<void> {
    await this.giveBack(ticket.taken);
  }

  private async giveBack(taken: SignInTicket['taken']): Promise<void> {
    const now = this.now();
    for (const [key, policy] of taken) await this.store.give(key, policy, now);
  }
}

interface Holder {
  limiter?: SignInLimiter;
}
const KEY = Symbol.for('wheelhouse.security.sign-in-limiter');

export function signInLimiter(): SignInLimiter {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  const holder = (g[KEY] ??= {});
  holder.limiter ??= new SignInLimiter(sharedLimitStore(), serverEnv().rateLimits.signIn);
  return holder.limiter;
}
