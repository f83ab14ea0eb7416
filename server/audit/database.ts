import 'server-only';

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';

import { serverEnv } from '@/server/env';
import { logger } from '@/server/observability/log';

import { migrationProvider } from './migrations';
import type { Database } from './schema';

// The audit database: PostgreSQL when DATABASE_URL is set (replicas share one log and one set of
// elevations), otherwise a SQLite file under the data directory. Kysely gives one query builder
// and one migrator for both (ADR 0005).

const log = logger('audit');

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export function databaseTarget(): DatabaseTarget {
  const { databaseUrl, dataDir } = serverEnv().audit;
  return databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', path: join(dataDir, 'audit.sqlite') };
}

/** Opens the database and brings its schema up to date. Throws when either fails. */
export async function openDatabase(target: DatabaseTarget): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({ dialect: dialectFor(target) });
  try {
    const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    for (const r of results ?? []) {
      if (r.status === 'Error') log.error({ migration: r.migrationName }, 'migration failed');
      if (r.status === 'Success') log.info({ migration: r.migrationName }, 'applied migration');
    }
    if (error) throw error;
    return db;
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
}

function dialectFor(target: DatabaseTarget) {
  if (target.kind === 'postgres') {
    const pool = new Pool({
      connectionString: target.url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      // A stuck database must not hold a write action forever; the action is refused instead.
      statement_timeout: 10_000,
    });
    // An idle client losing its connection emits 'error' on the pool; unhandled, it would end the process.
    pool.on('error', (err) => log.error({ err }, 'PostgreSQL pool error'));
    return new PostgresDialect({ pool });
  }
  return new SqliteDialect({
    database: async () => {
      mkdirSync(join(target.path, '..'), { recursive: true, mode: 0o700 });
      const sqlite = new SQLite(target.path);
      // WAL lets the Activity page read while an action writes; busy_timeout waits out short locks
      // (e.g. `next dev` and a test process sharing the file) instead of failing at once.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('busy_timeout = 5000');
      return sqlite;
    },
  });
}

interface Holder {
  db?: Promise<Kysely<Database>>;
}
const KEY = Symbol.for('wheelhouse.audit.database');

/** Closes the process-wide database if it was opened (graceful shutdown, after writes have finished). */
export async function closeAuditDatabase(): Promise<void> {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  const opening = g[KEY]?.db;
  if (!opening) return;
  g[KEY] = {};
  const db = await opening.catch(() => undefined);
  await db?.destroy();
}

/**
 * The process-wide database (kept on globalThis so Next.js dev reloads reuse it). A failed open is
 * not cached: the next call tries again, so a database that comes back is picked up without a restart.
 */
export function auditDatabase(): Promise<Kysely<Database>> {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  const holder = (g[KEY] ??= {});
  if (!holder.db) {
    const opening = openDatabase(databaseTarget());
    holder.db = opening;
    opening.catch((err: unknown) => {
      log.error({ err }, 'cannot open the audit database');
      if (holder.db === opening) holder.db = undefined;
    });
  }
  return holder.db;
}
