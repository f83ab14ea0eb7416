import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { AuditStore } from './store';
import { tempPostgres, tempSqlite, type TempDatabase } from './testing/temp-database';
import type { ChainReport } from './verify';

// `npm run audit:verify` as an operator runs it, against SQLite (WHEELHOUSE_DATA_DIR) and PostgreSQL
// (DATABASE_URL): intact → exit 0; a row edited or deleted directly in the database → exit 1, and the
// report names that row first.

const run = promisify(execFile);

const databases: [string, () => Promise<TempDatabase>][] = [
  ['SQLite', tempSqlite],
  ['PostgreSQL', () => tempPostgres(inject('postgresAdminUrl'))],
];

async function verify(temp: TempDatabase): Promise<{ code: number; report: ChainReport }> {
  const env: NodeJS.ProcessEnv = { ...process.env, WHEELHOUSE_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (temp.target.kind === 'sqlite') env.WHEELHOUSE_DATA_DIR = dirname(temp.target.path);
  else env.DATABASE_URL = temp.target.url;
  let stdout: string;
  let code = 0;
  try {
    ({ stdout } = await run('npm', ['run', '-s', 'audit:verify', '--', '--json'], { env }));
  } catch (err) {
    const failed = err as { code: number; stdout: string };
    code = failed.code;
    stdout = failed.stdout;
  }
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return { code, report: JSON.parse(last) as ChainReport };
}

describe.each(databases)('npm run audit:verify on %s', (_name, open) => {
  let temp: TempDatabase;
  const ids: string[] = [];

  beforeAll(async () => {
    temp = await open();
    const store = new AuditStore(temp.db);
    for (let i = 0; i < 3; i++) {
      const id = await store.recordAttempt({
        requestId: `req-${i}`,
        user: 'alice',
        groups: ['wheelhouse:operators'],
        cluster: 'local',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        action: 'scale',
        params: { replicas: { from: i, to: i + 1 } },
      });
      await store.recordOutcome(id, { result: 'ok', message: null, status: null });
      ids.push(id);
    }
  });
  afterAll(async () => temp?.close());

  it('reports an intact chain with its head', async () => {
    const { code, report } = await verify(temp);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, links: 6, head: { seq: 6 } });
  });

  it('names the row that was edited, then the one that was deleted', async () => {
    await sql`update audit_log set user_name = 'bob' where id = ${ids[1]}`.execute(temp.db);
    let { code, report } = await verify(temp);
    expect(code).toBe(1);
    expect(report.problems[0]).toMatchObject({ kind: 'changed', entryId: ids[1], event: 'attempt', seq: 3 });

    await sql`delete from audit_log where id = ${ids[0]}`.execute(temp.db);
    ({ code, report } = await verify(temp));
    expect(code).toBe(1);
    expect(report.problems[0]).toMatchObject({ kind: 'removed', entryId: ids[0], seq: 1 });
    expect(report.problems[2]).toMatchObject({ kind: 'changed', entryId: ids[1] });
  });
});
