import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createTestDatabase } from '@/local-cluster/postgres/test-database';

import { appendWithLink } from './chain';
import { openDatabase, type DatabaseTarget } from './database';
import { migrationProvider } from './migrations';
import type { Database } from './schema';
import { AuditStore } from './store';
import { verifyChain } from './verify';

// Issue 15 item 5 on both databases: the `changes` column (migration 0006) is covered by the hash
// chain, and a log written before it existed — hashed with the v1 outcome content of ADR 0015 —
// still verifies after the migration.

interface Fresh {
  target: DatabaseTarget;
  /** A Kysely on the database, migrated only up to 0005 (the schema before `changes`). */
  old: Kysely<Database>;
  drop(): Promise<void>;
}

async function freshSqlite(): Promise<Fresh> {
  const dir = mkdtempSync(join(tmpdir(), 'wh-changes-chain-'));
  const path = join(dir, 'audit.sqlite');
  return {
    target: { kind: 'sqlite', path },
    old: new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path) }) }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function freshPostgres(): Promise<Fresh> {
  const database = await createTestDatabase(inject('postgresAdminUrl'), 'wh_changes_chain');
  return {
    target: { kind: 'postgres', url: database.url },
    old: new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: database.url }) }) }),
    drop: database.drop,
  };
}

/** The v1 link hash of ADR 0015, written out here so a change to the canonical form is caught. */
function v1Hash(seq: number, prev: string, id: string, event: string, content: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify(['wheelhouse-audit-chain-v1', seq, prev, id, event, JSON.stringify(content)]))
    .digest('hex');
}

describe.each([
  ['SQLite', freshSqlite],
  ['PostgreSQL', freshPostgres],
])('changed fields in the hash chain on %s', (_name, fresh) => {
  let f: Fresh;
  let db: Kysely<Database>;
  const oldId = randomUUID();
  let newId = '';

  beforeAll(async () => {
    f = await fresh();
    const { error } = await new Migrator({ db: f.old, provider: migrationProvider }).migrateTo('0005_rate_limits');
    if (error) throw error;
    // An entry recorded before migration 0006: attempt and outcome, chained as the server did then.
    const row = {
      id: oldId,
      time: '2026-11-01T10:00:00.000Z',
      request_id: 'old-request',
      user_name: 'alice',
      groups: '["wheelhouse:operators"]',
      cluster: 'local',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      action: 'scale',
      params: '{"replicas":{"from":1,"to":2}}',
      resource_version: '7',
      reason: null,
      result: 'pending',
      message: null,
      status: null,
      finished_at: null,
    };
    await appendWithLink(f.old, oldId, 'attempt', (trx) => trx.insertInto('audit_log').values(row).execute());
    await appendWithLink(f.old, oldId, 'outcome', (trx) =>
      trx
        .updateTable('audit_log')
        .set({ result: 'ok', finished_at: '2026-11-01T10:00:01.000Z' })
        .where('id', '=', oldId)
        .execute(),
    );
    await f.old.destroy();
    db = await openDatabase(f.target);
  });

  afterAll(async () => {
    await db?.destroy();
    await f?.drop();
  });

  it('keeps the old outcome link valid as v1 content (no changes element) after the migration', async () => {
    const link = await db
      .selectFrom('audit_chain')
      .selectAll()
      .where('entry_id', '=', oldId)
      .where('event', '=', 'outcome')
      .executeTakeFirstOrThrow();
    const expected = v1Hash(Number(link.seq), link.prev_hash, oldId, 'outcome', [
      oldId,
      'ok',
      null,
      null,
      '2026-11-01T10:00:01.000Z',
    ]);
    expect(link.hash).toBe(expected);
    const old = await new AuditStore(db).get(oldId);
    expect(old).toMatchObject({ result: 'ok', changes: null });
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it('records changes with the outcome, chained; editing, removing or adding them is detected', async () => {
    const store = new AuditStore(db);
    newId = await store.recordAttempt({
      requestId: 'new-request',
      user: 'alice',
      groups: ['wheelhouse:operators'],
      cluster: 'local',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      action: 'scale',
      params: { replicas: { from: 2, to: 5 } },
    });
    const changes = { fields: [{ path: 'spec.replicas', before: '2', after: '5' }], omitted: 0 };
    await store.recordOutcome(newId, { result: 'ok', message: null, status: null, changes });
    expect((await store.get(newId))?.changes).toEqual(changes);
    const intact = await verifyChain(db);
    expect(intact).toMatchObject({ ok: true, links: 4, problems: [] });
    expect(intact.head?.seq).toBe(4);

    const stored = JSON.stringify(changes);
    const forged = stored.replace('"5"', '"50"');
    const check = async (set: string | null, id: string) => {
      await sql`update audit_log set changes = ${set} where id = ${id}`.execute(db);
      return (await verifyChain(db)).problems;
    };
    expect(await check(forged, newId)).toEqual([
      expect.objectContaining({ kind: 'changed', entryId: newId, event: 'outcome' }),
    ]);
    expect(await check(null, newId)).toEqual([
      expect.objectContaining({ kind: 'changed', entryId: newId, event: 'outcome' }),
    ]);
    expect(await check(stored, newId)).toEqual([]);
    expect(await check(stored, oldId)).toEqual([
      expect.objectContaining({ kind: 'changed', entryId: oldId, event: 'outcome' }),
    ]);
    expect(await check(null, oldId)).toEqual([]);
  });
});
