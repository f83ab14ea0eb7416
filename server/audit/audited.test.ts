import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { KubeError } from '@/server/k8s/errors';

import { AuditUnavailableError, auditedWith, outcomeOf } from './audited';
import { ActionRefusedError } from '@/server/k8s/actions/results';
import { auditWriteFailures } from './audit-metrics';
import { AuditStore } from './store';
import { tempSqlite, type TempDatabase } from './testing/temp-database';
import type { AuditAttempt } from './types';

let temp: TempDatabase;
let store: AuditStore;
let seq = 0;

beforeAll(async () => {
  temp = await tempSqlite();
  store = new AuditStore(temp.db);
});
afterAll(async () => {
  await temp.close();
});

function attempt(): AuditAttempt {
  seq += 1;
  return {
    requestId: `req-${seq}`,
    user: 'alice',
    groups: ['wheelhouse:operators'],
    cluster: 'local',
    kind: 'Deployment',
    namespace: 'shop-frontend',
    name: 'web',
    action: 'scale',
    params: { replicas: { from: 1, to: 2 } },
    resourceVersion: '77',
  };
}

async function rowsFor(requestId: string) {
  return (await store.list({ cluster: 'local' }, { limit: 1000 })).entries.filter((e) => e.requestId === requestId);
}

describe('audited', () => {
  it('records one ok entry and returns what run returned', async () => {
    const a = attempt();
    const run = vi.fn(async () => 'scaled');
    await expect(auditedWith(store, a, run)).resolves.toBe('scaled');
    expect(run).toHaveBeenCalledTimes(1);
    const rows = await rowsFor(a.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ result: 'ok', message: null, resourceVersion: '77' });
    expect(rows[0]?.finishedAt).not.toBeNull();
  });

  it('records the changed fields derived from what run returned; a failure to derive them keeps the outcome', async () => {
    const a = attempt();
    const written = { before: { spec: { replicas: 1 } }, after: { spec: { replicas: 2 } } };
    await auditedWith(store, a, async () => written, {
      changes: (w) => ({
        fields: [{ path: 'spec.replicas', before: String(w.before.spec.replicas), after: '2' }],
        omitted: 0,
      }),
    });
    expect((await rowsFor(a.requestId))[0]).toMatchObject({
      result: 'ok',
      changes: { fields: [{ path: 'spec.replicas', before: '1', after: '2' }], omitted: 0 },
    });
    const b = attempt();
    await expect(
      auditedWith(store, b, async () => 'done', {
        changes: () => {
          throw new Error('cannot describe');
        },
      }),
    ).resolves.toBe('done');
    expect((await rowsFor(b.requestId))[0]).toMatchObject({ result: 'ok', changes: null });
    // A failed write records no changes, whatever `changes` would say.
    const c = attempt();
    await expect(
      auditedWith(store, c, () => Promise.reject(new KubeError('conflict', 'changed', { status: 409 })), {
        changes: () => ({ fields: [{ path: 'spec.replicas', before: '1', after: '2' }], omitted: 0 }),
      }),
    ).rejects.toThrow('changed');
    expect((await rowsFor(c.requestId))[0]).toMatchObject({ result: 'conflict', changes: null });
  });

  it.each([
    [new KubeError('forbidden', 'Not allowed (403 Forbidden)', { status: 403 }), 'denied', 403],
    [new KubeError('conflict', 'Someone else changed the object (409 Conflict)', { status: 409 }), 'conflict', 409],
    [new KubeError('invalid', 'rejected as invalid (422)', { status: 422 }), 'invalid', 422],
    [new KubeError('unknown', 'Unexpected response 400', { status: 400 }), 'invalid', 400],
    [new KubeError('server-error', 'The API server failed (500)', { status: 500 }), 'failed', 500],
    [new KubeError('timeout', 'did not answer within 8s'), 'failed', null],
    [new Error('boom'), 'failed', null],
  ] as const)('records %s as %s and rethrows the same error', async (error, result, status) => {
    const a = attempt();
    const caught = await auditedWith(store, a, () => Promise.reject(error)).catch((e: unknown) => e);
    expect(caught).toBe(error);
    const rows = await rowsFor(a.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ result, status, message: error.message });
  });

  it('never calls run when the attempt cannot be recorded', async () => {
    const broken = await tempSqlite();
    await broken.db.destroy();
    const run = vi.fn(async () => 'sent');
    try {
      await expect(auditedWith(new AuditStore(broken.db), attempt(), run)).rejects.toBeInstanceOf(
        AuditUnavailableError,
      );
    } finally {
      await broken.close().catch(() => undefined);
    }
    expect(run).not.toHaveBeenCalled();
  });

  it('keeps the pending entry and the result when only the outcome write fails', async () => {
    const failing = await tempSqlite();
    // A real storage failure on UPDATE (the INSERT of the attempt still works).
    await sql`CREATE TRIGGER no_updates BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(
      failing.db,
    );
    const failures = async () =>
      (await auditWriteFailures.get()).values.find((v) => v.labels.stage === 'outcome')?.value ?? 0;
    const before = await failures();
    try {
      const s = new AuditStore(failing.db);
      const a = attempt();
      await expect(auditedWith(s, a, async () => 'scaled')).resolves.toBe('scaled');
      const rows = (await s.list({ cluster: 'local' }, { limit: 10 })).entries;
      expect(rows.map((r) => [r.requestId, r.result])).toEqual([[a.requestId, 'pending']]);
      // The first write and its three retries, each counted (wheelhouse_audit_write_failures_total).
      expect((await failures()) - before).toBe(4);
    } finally {
      await failing.close();
    }
  });
});

describe('outcomeOf', () => {
  it('records a refusal as things stand (a paused Deployment) as refused, not invalid input', () => {
    const message = 'you cannot roll back a paused deployment; resume it first, then try again';
    expect(outcomeOf(new ActionRefusedError(message))).toEqual({ result: 'refused', message, status: 422 });
  });

  it('maps a missing object to failed with its status', () => {
    expect(outcomeOf(new KubeError('not-found', 'Not found (404)', { status: 404 }))).toEqual({
      result: 'failed',
      message: 'Not found (404)',
      status: 404,
    });
  });
});
