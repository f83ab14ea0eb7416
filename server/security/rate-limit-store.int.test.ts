import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Kysely } from 'kysely';

import { openDatabase } from '@/server/audit/database';
import type { Database } from '@/server/audit/schema';
import { tempPostgres, tempSqlite, type TempDatabase } from '@/server/audit/testing/temp-database';

import { DatabaseLimitStore } from './rate-limit-store';
import { SignInLimiter } from './sign-in-limits';

// The shared rate-limit store on both databases the server supports: SQLite in the data directory
// (one server; survives restarts) and PostgreSQL (several replicas). "Two replicas" are two stores
// over two separate connections (pools) to the same database, as two server processes would have.

const databases: [string, () => Promise<TempDatabase>][] = [
  ['SQLite', tempSqlite],
  ['PostgreSQL', () => tempPostgres(inject('postgresAdminUrl'))],
];

const perMinute = (capacity: number) => ({ capacity, periodMs: 60_000 });
const BUDGETS = { pairPerMinute: 10, addressPerMinute: 30, userPerMinute: 30, globalPerMinute: 120 };

describe.each(databases)('rate-limit store on %s', (_name, open) => {
  let temp: TempDatabase;
  let second: Kysely<Database>;
  let a: DatabaseLimitStore;
  let b: DatabaseLimitStore;
  const now = Date.parse('2026-11-24T08:00:00Z');

  beforeAll(async () => {
    temp = await open();
    second = await openDatabase(temp.target);
    a = new DatabaseLimitStore(temp.db);
    b = new DatabaseLimitStore(second);
  });
  afterAll(async () => {
    await second?.destroy();
    await temp?.close();
  });

  it('gives one budget to two replicas, also when they take at the same moment', async () => {
    const policy = perMinute(10);
    const takes = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).take('shared', policy, now)));
    expect(takes.filter((t) => t.ok)).toHaveLength(10);
    expect(takes.find((t) => !t.ok)).toEqual({ ok: false, retryAfterSeconds: 6 });
    // Refused takes did not push the wait out: one interval later, one more fits.
    expect(await a.take('shared', policy, now + 6_000)).toEqual({ ok: true });
    expect((await b.take('shared', policy, now + 6_000)).ok).toBe(false);
  });

  it('a token given back on one replica can be taken on the other', async () => {
    const policy = perMinute(1);
    expect((await a.take('give', policy, now)).ok).toBe(true);
    expect((await b.take('give', policy, now)).ok).toBe(false);
    await a.give('give', policy);
    expect((await b.take('give', policy, now)).ok).toBe(true);
  });

  it('remembers known addresses across replicas until they expire, and sweeps what is over', async () => {
    await a.remember('known', now + 1_000);
    expect(await b.recalls('known', now)).toBe(true);
    expect(await b.recalls('known', now + 1_000)).toBe(false);
    await a.take('swept', perMinute(60), now);
    await b.sweep(now + 2_000);
    const left = await temp.db
      .withTables<{ rate_limit: { key: string }; known_sign_in: { key: string } }>()
      .selectFrom('rate_limit')
      .select('key')
      .where('key', 'in', ['swept'])
      .execute();
    expect(left).toEqual([]);
    expect(await a.recalls('known', now)).toBe(false);
  });

  it('sign-in budgets hold across replicas, and a person known on one is known on the other', async () => {
    const clock = { t: now + 10 * 60_000 };
    const ra = new SignInLimiter(a, BUDGETS, () => clock.t);
    const rb = new SignInLimiter(b, BUDGETS, () => clock.t);
    const home = await ra.check('192.0.2.1', 'bob');
    if (!home.ok) throw new Error('refused');
    await ra.succeeded(home.ticket);

    let allowed = 0;
    for (let i = 0; i < 80; i++) {
      const d = await (i % 2 ? ra : rb).check(`10.5.0.${i}`, 'bob');
      if (!d.ok) {
        expect(d.budget).toBe('signin-user');
        break;
      }
      allowed++;
    }
    expect(allowed).toBe(BUDGETS.userPerMinute);
    expect(await rb.check('192.0.2.1', 'bob')).toMatchObject({ ok: true, ticket: { known: true } });
  });

  it('keeps its counts when the server restarts (a new connection to the same database)', async () => {
    const policy = perMinute(2);
    await a.take('restart', policy, now);
    await a.take('restart', policy, now);
    const reopened = await openDatabase(temp.target);
    try {
      expect((await new DatabaseLimitStore(reopened).take('restart', policy, now)).ok).toBe(false);
    } finally {
      await reopened.destroy();
    }
  });
});
