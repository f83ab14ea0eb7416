import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { ActionResult } from '@/lib/k8s/rollout/actions';
import { RevocationStore } from '@/server/auth/revocation-store';
import { RevocationSet, RevocationSync } from '@/server/auth/sessions';
import { RequestClaims } from '@/server/k8s/actions/idempotency';

import { openDatabase } from './database';
import type { Database } from './schema';
import { AuditStore } from './store';
import { tempPostgres, tempSqlite, type TempDatabase } from './testing/temp-database';
import type { AuditAttempt } from './types';
import { verifyChain } from './verify';

// Two replicas = two independent connections (pools) to one database, on SQLite and on the throwaway
// PostgreSQL: what one writes, the other must honour (ADR 0011), and the audit chain must hold under
// concurrent appends and name the row someone edited or removed behind its back (ADR 0015).

const TSX = join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
const APPEND_ROWS = join(process.cwd(), 'server', 'audit', 'testing', 'append-rows.ts');

const databases: [string, () => Promise<TempDatabase>][] = [
  ['SQLite', tempSqlite],
  ['PostgreSQL', () => tempPostgres(inject('postgresAdminUrl'))],
];

const attempt = (over: Partial<AuditAttempt> = {}): AuditAttempt => ({
  requestId: randomUUID(),
  user: 'alice',
  groups: ['wheelhouse:operators'],
  cluster: 'local',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  action: 'scale',
  params: { replicas: { from: 3, to: 5 } },
  resourceVersion: '100',
  ...over,
});

describe.each(databases)('two replicas on one %s database', (_name, open) => {
  let temp: TempDatabase;
  let other: Kysely<Database>;

  beforeAll(async () => {
    temp = await open();
    other = await openDatabase(temp.target);
  });
  afterAll(async () => {
    await other?.destroy();
    await temp?.close();
  });

  it('a sign-out on one is refused by the other within a second, and closes its streams', async () => {
    const a = await new RevocationSync(new RevocationStore(temp.db), new RevocationSet()).start();
    const b = await new RevocationSync(new RevocationStore(other), new RevocationSet()).start();
    try {
      let streamClosed = false;
      b.set.on('sid-replicas', () => (streamClosed = true));
      const started = performance.now();
      await a.revoke('sid-replicas', Date.now() + 3_600_000);
      await expect.poll(() => b.set.has('sid-replicas'), { timeout: 1_000, interval: 20 }).toBe(true);
      console.info(
        `[replicas] revocation seen by the other replica after ${Math.round(performance.now() - started)} ms`,
      );
      expect(streamClosed).toBe(true);
      expect(await b.isRevokedDurably('sid-replicas')).toBe(true);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('the same action request id sent to both is applied once; both answer alike', async () => {
    const id = randomUUID();
    let runs = 0;
    const run = async (): Promise<ActionResult> => {
      runs++;
      await new Promise((r) => setTimeout(r, 150));
      return { ok: true, message: 'scaled to 5', resourceVersion: '101' };
    };
    const a = new RequestClaims(temp.db, { pollMs: 20 });
    const b = new RequestClaims(other, { pollMs: 20 });
    const [first, second] = await Promise.all([a.once('alice', id, 'body', run), b.once('alice', id, 'body', run)]);
    expect(runs).toBe(1);
    expect(first).toEqual({ ok: true, message: 'scaled to 5', resourceVersion: '101' });
    expect(second).toEqual(first);
    // A later repeat through either replica: the same answer, still one write.
    expect(await b.once('alice', id, 'body', run)).toEqual(first);
    expect(runs).toBe(1);
    // The same id with another body is refused; another person's id space is separate.
    expect(await a.once('alice', id, 'other body', run)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await b.once('bob', id, 'body', run)).toMatchObject({ ok: true });
    expect(runs).toBe(2);
  });

  it('concurrent appends from two processes keep one unbroken chain', async () => {
    // Another process (a second replica; with SQLite two connections in one thread would only
    // deadlock each other) appends while this one does.
    const child = spawn(
      process.execPath,
      [TSX, '--conditions=react-server', APPEND_ROWS, JSON.stringify(temp.target), '20'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const store = new AuditStore(temp.db);
    // Keep appending until the other process is done, so the two really overlap.
    let mine = 0;
    while ((child.exitCode === null && mine < 1_000) || mine < 20) {
      const id = await store.recordAttempt(attempt());
      await store.recordOutcome(id, { result: 'ok', message: null, status: null });
      mine++;
      // better-sqlite3 answers synchronously: let the event loop see the child's exit.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exited, stderr).toBe(0);
    const report = await verifyChain(temp.db);
    expect(report.problems).toEqual([]);
    expect(report.links).toBe(2 * (mine + 20));
  });

  it('verification names a row edited directly in the database, and a removed row', async () => {
    const store = new AuditStore(temp.db);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await store.recordAttempt(attempt({ params: { replicas: { from: i, to: i + 1 } } }));
      await store.recordOutcome(id, { result: 'ok', message: null, status: null });
      ids.push(id);
    }
    expect((await verifyChain(temp.db)).ok).toBe(true);

    // Someone with database access rewrites history: the outcome of one, the request of another.
    await sql`update audit_log set result = 'denied' where id = ${ids[1]}`.execute(other);
    await sql`update audit_log set params = '{"replicas":{"from":2,"to":300}}' where id = ${ids[2]}`.execute(other);
    let report = await verifyChain(temp.db);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'changed', entryId: ids[1], event: 'outcome' });
    expect(report.problems[1]).toMatchObject({ kind: 'changed', entryId: ids[2], event: 'attempt' });

    // ...and removes a row.
    await sql`delete from audit_log where id = ${ids[3]}`.execute(other);
    report = await verifyChain(temp.db);
    expect(report.problems.find((p) => p.kind === 'removed')).toMatchObject({ entryId: ids[3] });

    // Removing the row AND its links leaves a gap in the sequence.
    await sql`delete from audit_chain where entry_id = ${ids[0]}`.execute(other);
    await sql`delete from audit_log where id = ${ids[0]}`.execute(other);
    report = await verifyChain(temp.db);
    expect(report.problems.some((p) => p.kind === 'link-missing')).toBe(true);

    // A row inserted around the chain is found too.
    await sql`insert into audit_log (id, time, request_id, user_name, groups, cluster, kind, name, action, params, result)
      values ('forged', '2026-01-01T00:00:00.000Z', 'r', 'mallory', '[]', 'local', 'Deployment', 'web', 'scale', '{}', 'ok')`.execute(
      other,
    );
    report = await verifyChain(temp.db);
    expect(report.problems.find((p) => p.kind === 'unchained')).toMatchObject({ entryId: 'forged' });
  });
});
