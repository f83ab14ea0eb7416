import 'server-only';

import { type Kysely, sql } from 'kysely';

import { auditDatabase } from '@/server/audit/database';
import type { Database } from '@/server/audit/schema';

import { type LimitStore, type Policy, ResilientLimitStore, type TakeResult, intervalMs } from './rate-limit';

// Bucket state in the audit database (migration 0005): PostgreSQL when DATABASE_URL is set, so every
// replica draws from one budget; otherwise the SQLite file in the data directory, so a restart does
// not hand an attacker fresh budgets. One statement per take, atomic on both: an upsert that moves the
// GCRA arrival time only when the take is allowed, and says which it was (`allowed`) in RETURNING.

// Type aliases, not interfaces: Kysely's `withTables` needs them assignable to a string-keyed record.
// PostgreSQL returns bigint columns as strings, SQLite as numbers.
type RateLimitTable = {
  key: string;
  tat: number | string;
  allowed: number;
};
type KnownSignInTable = {
  key: string;
  expires_at: number | string;
};
export type RateLimitTables = {
  rate_limit: RateLimitTable;
  known_sign_in: KnownSignInTable;
};

/** How often a process deletes buckets that are full again and expired known addresses. */
const SWEEP_EVERY_MS = 5 * 60_000;

export class DatabaseLimitStore implements LimitStore {
  private readonly db: Kysely<Database & RateLimitTables>;
  private nextSweep = 0;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<RateLimitTables>();
  }

  async take(key: string, policy: Policy, now: number): Promise<TakeResult> {
    this.sweepSometimes(now);
    const interval = intervalMs(policy);
    const burst = interval * policy.capacity;
    // bigint parameters are cast explicitly: PostgreSQL cannot infer `unknown + unknown`.
    const nowMs = sql`CAST(${now} AS bigint)`;
    const next = sql`(CASE WHEN rate_limit.tat > ${nowMs} THEN rate_limit.tat ELSE ${nowMs} END) + CAST(${interval} AS bigint)`;
    const fits = sql`${next} <= CAST(${now + burst} AS bigint)`;
    const { rows } = await sql<{ tat: number | string; allowed: number | string }>`
      INSERT INTO rate_limit (key, tat, allowed) VALUES (${key}, CAST(${now + interval} AS bigint), 1)
      ON CONFLICT (key) DO UPDATE SET
        tat = CASE WHEN ${fits} THEN ${next} ELSE rate_limit.tat END,
        allowed = CASE WHEN ${fits} THEN 1 ELSE 0 END
      RETURNING tat, allowed`.execute(this.db);
    const row = rows[0];
    if (!row) throw new Error('rate-limit upsert returned no row');
    if (Number(row.allowed) === 1) return { ok: true };
    // Refused: the arrival time did not move; the next take fits once it is within one burst.
    const wait = Math.max(Number(row.tat), now) + interval - burst - now;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }

  async give(key: string, policy: Policy): Promise<void> {
    await this.db
      .updateTable('rate_limit')
      .set({ tat: sql`tat - CAST(${intervalMs(policy)} AS bigint)` })
      .where('key', '=', key)
      .execute();
  }

  async remember(key: string, untilMs: number): Promise<void> {
    await this.db
      .insertInto('known_sign_in')
      .values({ key, expires_at: untilMs })
      .onConflict((oc) => oc.column('key').doUpdateSet({ expires_at: untilMs }))
      .execute();
  }

  async recalls(key: string, now: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('known_sign_in')
      .select('key')
      .where('key', '=', key)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Deletes what no longer matters; rows left behind are harmless (a past `tat` is a full bucket). */
  async sweep(now: number): Promise<void> {
    await this.db.deleteFrom('rate_limit').where('tat', '<', now).execute();
    await this.db.deleteFrom('known_sign_in').where('expires_at', '<', now).execute();
  }

  private sweepSometimes(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    this.sweep(now).catch(() => undefined);
  }
}

interface Holder {
  store?: LimitStore;
}
const KEY = Symbol.for('wheelhouse.security.limit-store');

/** The process-wide store (on globalThis: every route bundle must share one fallback and one cache). */
export function sharedLimitStore(): LimitStore {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  const holder = (g[KEY] ??= {});
  const stores = new WeakMap<Kysely<Database>, DatabaseLimitStore>();
  holder.store ??= new ResilientLimitStore(async () => {
    const db = await auditDatabase();
    let store = stores.get(db);
    if (!store) stores.set(db, (store = new DatabaseLimitStore(db)));
    return store;
  });
  return holder.store;
}
