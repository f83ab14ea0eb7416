import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { once } from '@/server/k8s/actions/idempotency';

// The process-wide path (in memory, then the database claim) on a throwaway SQLite file; the
// two-replica case is in server/audit/replicas.int.test.ts.
process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-idempotency-'));
delete process.env.DATABASE_URL;

describe('once (double submission)', () => {
  it('runs a request id once and answers a repeat with the same result', async () => {
    const id = randomUUID();
    let runs = 0;
    const run = async () => {
      runs++;
      return { ok: true as const, message: `run ${runs}` };
    };
    const [a, b] = await Promise.all([once('alice', id, 'body', run), once('alice', id, 'body', run)]);
    expect(a).toEqual({ ok: true, message: 'run 1' });
    expect(b).toBe(a);
    expect(runs).toBe(1);
    expect(await once('alice', id, 'other body', run)).toMatchObject({ ok: false, code: 'invalid' });
    // Request ids are per person.
    expect(await once('bob', id, 'body', run)).toEqual({ ok: true, message: 'run 2' });
  });
});
