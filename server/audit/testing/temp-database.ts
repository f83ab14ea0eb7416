import 'server-only';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Kysely } from 'kysely';

import { createTestDatabase } from '@/local-cluster/postgres/test-database';

import { openDatabase, type DatabaseTarget } from '../database';
import type { Database } from '../schema';

// Test helpers: a migrated audit database on a temporary SQLite file, or in a fresh database on
// the throwaway PostgreSQL server (local-cluster/postgres). `close` removes what was created.

export interface TempDatabase {
  db: Kysely<Database>;
  target: DatabaseTarget;
  close(): Promise<void>;
}

export async function tempSqlite(): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'wh-audit-'));
  const target: DatabaseTarget = { kind: 'sqlite', path: join(dir, 'audit.sqlite') };
  const db = await openDatabase(target);
  return {
    db,
    target,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function tempPostgres(adminUrl: string): Promise<TempDatabase> {
  const database = await createTestDatabase(adminUrl, 'wh_audit');
  const target: DatabaseTarget = { kind: 'postgres', url: database.url };
  const db = await openDatabase(target);
  return {
    db,
    target,
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}
