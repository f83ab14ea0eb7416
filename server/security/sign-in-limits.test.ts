import { describe, expect, it } from 'vitest';

import { MemoryLimitStore } from './rate-limit';
import { KNOWN_FOR_MS, SignInLimiter } from './sign-in-limits';

// The sign-in policy (ADR 0012) on the in-process store with a stopped clock: what each budget
// allows, and that an attacker's failures never lock a person out of an address they signed in from.

const BUDGETS = { pairPerMinute: 10, addressPerMinute: 30, userPerMinute: 30, globalPerMinute: 120 };

function limiter(now = { t: 0 }) {
  return { limiter: new SignInLimiter(new MemoryLimitStore(), BUDGETS, () => now.t), now };
}

/** Attempts (each a failure: nothing is given back) until one is refused; returns how many passed. */
async function untilRefused(l: SignInLimiter, next: (i: number) => [address: string, user: string]) {
  for (let i = 0; i < 1_000; i++) {
    const decision = await l.check(...next(i));
    if (!decision.ok) return { allowed: i, decision };
  }
  throw new Error('never refused');
}

describe('SignInLimiter', () => {
  it('per (address, user): 10 attempts, then 429 for that pair only; case and spaces do not help', async () => {
    const { limiter: l } = limiter();
    const spent = await untilRefused(l, (i) => ['10.0.0.1', i % 2 ? 'bob' : ' BOB ']);
    expect(spent).toMatchObject({ allowed: 10, decision: { budget: 'signin-pair', retryAfterSeconds: 6 } });
    expect((await l.check('10.0.0.2', 'bob')).ok).toBe(true);
    expect((await l.check('10.0.0.1', 'alice')).ok).toBe(true);
  });

  it('per address: one address spraying one password over many names', async () => {
    const { limiter: l } = limiter();
    const spent = await untilRefused(l, (i) => ['10.0.0.1', `user-${i}`]);
    expect(spent).toMatchObject({ allowed: 30, decision: { budget: 'signin-address', retryAfterSeconds: 2 } });
  });

  it('per user: one name guessed from many addresses', async () => {
    const { limiter: l } = limiter();
    const spent = await untilRefused(l, (i) => [`10.1.${i >> 8}.${i & 255}`, 'bob']);
    expect(spent).toMatchObject({ allowed: 30, decision: { budget: 'signin-user' } });
  });

  it('global: made-up names from many addresses', async () => {
    const { limiter: l } = limiter();
    const spent = await untilRefused(l, (i) => [`10.2.${i >> 8}.${i & 255}`, `user-${i}`]);
    expect(spent).toMatchObject({ allowed: 120, decision: { budget: 'signin-global', retryAfterSeconds: 1 } });
  });

  it('a refused attempt costs nothing in the budgets it passed', async () => {
    const { limiter: l } = limiter();
    // Spend bob's per-user budget from many addresses.
    await untilRefused(l, (i) => [`10.1.0.${i}`, 'bob']);
    // 10.9.9.9 is then refused for bob (user budget) — again and again — without using up its own
    // address budget: it can still try 30 other names.
    for (let i = 0; i < 50; i++) expect((await l.check('10.9.9.9', 'bob')).ok).toBe(false);
    const spent = await untilRefused(l, (i) => ['10.9.9.9', `other-${i}`]);
    expect(spent.allowed).toBe(30);
  });

  it('an attacker flooding a name does not lock the person out of an address they signed in from', async () => {
    const now = { t: 0 };
    const { limiter: l } = limiter(now);
    const home = await l.check('192.0.2.10', 'bob');
    if (!home.ok) throw new Error('refused');
    await l.succeeded(home.ticket);

    now.t += 60_000;
    // The attacker exhausts the per-user budget, and the global one too.
    await untilRefused(l, (i) => [`10.3.${i >> 8}.${i & 255}`, 'bob']);
    await untilRefused(l, (i) => [`10.4.${i >> 8}.${i & 255}`, `made-up-${i}`]);
    expect((await l.check('198.51.100.1', 'bob')).ok).toBe(false);

    const again = await l.check('192.0.2.10', 'bob');
    expect(again).toMatchObject({ ok: true, ticket: { known: true } });
    // Known pairs still have their own pair budget (nobody tries forever from a known address).
    const spent = await untilRefused(l, () => ['192.0.2.10', 'bob']);
    expect(spent).toMatchObject({ allowed: 9, decision: { budget: 'signin-pair' } });
  });

  it('a right password gives its tokens back; a known address is forgotten after 30 days', async () => {
    const now = { t: 0 };
    const { limiter: l } = limiter(now);
    for (let i = 0; i < 25; i++) {
      const d = await l.check('10.0.0.1', 'bob');
      if (!d.ok) throw new Error(`refused at ${i}`);
      await l.succeeded(d.ticket);
    }
    now.t += KNOWN_FOR_MS + 1;
    expect(await l.check('10.0.0.1', 'bob')).toMatchObject({ ok: true, ticket: { known: false } });
  });

  it('an attempt whose password was never checked is given back', async () => {
    const { limiter: l } = limiter();
    for (let i = 0; i < 50; i++) {
      const d = await l.check('10.0.0.1', 'bob');
      if (!d.ok) throw new Error(`refused at ${i}`);
      await l.release(d.ticket);
    }
  });
});
