import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { openDatabase } from './database';
import { ElevationStore } from './elevation-store';
import { AuditStore } from './store';
import { tempPostgres, tempSqlite, type TempDatabase } from './testing/temp-database';
import type { AuditAttempt } from './types';

// The same suite on both stores the audit log supports: SQLite (the default) and PostgreSQL (the
// throwaway server from local-cluster/postgres, a database of its own per run).

const stores: [string, () => Promise<TempDatabase>][] = [
  ['SQLite', tempSqlite],
  ['PostgreSQL', () => tempPostgres(inject('postgresAdminUrl'))],
];

function attempt(over: Partial<AuditAttempt> = {}): AuditAttempt {
  return {
    requestId: 'req-1',
    user: 'alice',
    groups: ['wheelhouse:operators'],
    cluster: 'local',
    kind: 'Deployment',
    namespace: 'shop-frontend',
    name: 'web',
    action: 'scale',
    params: { replicas: { from: 3, to: 5 } },
    resourceVersion: '1234',
    reason: 'traffic spike',
    ...over,
  };
}

describe.each(stores)('audit store on %s', (_name, open) => {
  let temp: TempDatabase;
  let clock = new Date('2026-01-01T10:00:00.000Z');
  const now = () => clock;
  const tick = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  let store: AuditStore;

  beforeAll(async () => {
    temp = await open();
    store = new AuditStore(temp.db, { now });
  });
  afterAll(async () => {
    await temp?.close();
  });

  it('records an attempt as pending, then its outcome exactly once', async () => {
    const id = await store.recordAttempt(attempt());
    const pending = await store.get(id);
    expect(pending).toMatchObject({
      result: 'pending',
      finishedAt: null,
      user: 'alice',
      groups: ['wheelhouse:operators'],
      params: { replicas: { from: 3, to: 5 } },
      resourceVersion: '1234',
      reason: 'traffic spike',
      time: '2026-01-01T10:00:00.000Z',
    });
    tick(250);
    await store.recordOutcome(id, { result: 'denied', message: 'Not allowed (403 Forbidden)', status: 403 });
    expect(await store.get(id)).toMatchObject({
      result: 'denied',
      status: 403,
      message: 'Not allowed (403 Forbidden)',
      finishedAt: '2026-01-01T10:00:00.250Z',
    });
    await expect(store.recordOutcome(id, { result: 'ok', message: null, status: null })).rejects.toThrow(/not pending/);
    // Repeating the same outcome (a retry after a lost reply) is accepted and changes nothing.
    await store.recordOutcome(id, { result: 'denied', message: 'again', status: 403 });
    expect((await store.get(id))?.message).toBe('Not allowed (403 Forbidden)');
    expect((await store.get(id))?.result).toBe('denied');
  });

  it('keeps optional fields empty and cluster-scoped entries without a namespace', async () => {
    const id = await store.recordAttempt(
      attempt({ namespace: null, kind: 'Elevation', name: 'alice', resourceVersion: undefined, reason: undefined }),
    );
    const entry = await store.get(id);
    expect(entry?.namespace).toBeNull();
    expect(entry?.resourceVersion).toBeUndefined();
    expect(entry?.reason).toBeUndefined();
  });

  describe('listing', () => {
    const cluster = 'list-test';
    beforeAll(async () => {
      clock = new Date('2026-02-01T00:00:00.000Z');
      const rows: [Partial<AuditAttempt>, 'ok' | 'denied' | 'conflict'][] = [
        [{ user: 'alice', namespace: 'shop-frontend', action: 'scale' }, 'ok'],
        [{ user: 'bob', namespace: 'shop-frontend', action: 'scale' }, 'denied'],
        [{ user: 'alice', namespace: 'payments', action: 'rollback' }, 'conflict'],
        [{ user: 'bob', namespace: 'shop-backend', action: 'restart' }, 'ok'],
        [{ user: 'carol', namespace: null, kind: 'Elevation', action: 'elevate' }, 'ok'],
      ];
      for (const [i, [over, result]] of rows.entries()) {
        // Two entries share each timestamp, so ordering must break ties consistently.
        if (i % 2 === 0) tick(60_000);
        const id = await store.recordAttempt(attempt({ ...over, cluster, requestId: `r${i}` }));
        await store.recordOutcome(id, { result, message: null, status: null });
      }
      // Another cluster's entry never shows up here.
      await store.recordAttempt(attempt({ cluster: 'elsewhere' }));
    });

    const ids = async (filter: Partial<Parameters<AuditStore['list']>[0]>) =>
      (await store.list({ cluster, ...filter }, { limit: 50 })).entries.map((e) => e.requestId);

    it('returns newest first', async () => {
      const all = await store.list({ cluster }, { limit: 50 });
      const times = all.entries.map((e) => e.time);
      expect([...times].sort().reverse()).toEqual(times);
      // r4 is alone at the newest minute; r0 and r1 share the oldest (their order is by id).
      expect(all.entries.map((e) => e.requestId).slice(0, 1)).toEqual(['r4']);
      expect(new Set(all.entries.slice(3).map((e) => e.requestId))).toEqual(new Set(['r0', 'r1']));
    });

    it('filters by user, namespace, action, result and time', async () => {
      expect((await ids({ user: 'bob' })).sort()).toEqual(['r1', 'r3']);
      expect((await ids({ namespace: 'shop-frontend' })).sort()).toEqual(['r0', 'r1']);
      expect(await ids({ namespace: '' })).toEqual(['r4']);
      expect(await ids({ action: 'rollback' })).toEqual(['r2']);
      expect((await ids({ result: 'ok' })).sort()).toEqual(['r0', 'r3', 'r4']);
      expect((await ids({ from: '2026-02-01T00:02:00.000Z' })).sort()).toEqual(['r2', 'r3', 'r4']);
      expect((await ids({ to: '2026-02-01T00:02:00.000Z' })).sort()).toEqual(['r0', 'r1']);
      expect(await ids({ user: 'bob', result: 'denied', namespace: 'shop-frontend' })).toEqual(['r1']);
    });

    it('lists the namespaces present in a cluster’s log', async () => {
      expect(await store.namespaces(cluster)).toEqual(['payments', 'shop-backend', 'shop-frontend']);
    });

    it('restricts to own entries plus visible namespaces', async () => {
      expect((await ids({ visibleTo: { user: 'bob', namespaces: [] } })).sort()).toEqual(['r1', 'r3']);
      expect((await ids({ visibleTo: { user: 'bob', namespaces: ['shop-frontend'] } })).sort()).toEqual([
        'r0',
        'r1',
        'r3',
      ]);
      expect((await ids({ visibleTo: { user: 'alice', namespaces: 'all' } })).sort()).toEqual(['r0', 'r1', 'r2', 'r3']);
      expect(await ids({ visibleTo: { user: 'carol', namespaces: [] } })).toEqual(['r4']);
    });

    it('pages with a cursor without gaps or repeats, also across equal timestamps', async () => {
      const seen: string[] = [];
      let page = await store.list({ cluster }, { limit: 2 });
      for (;;) {
        seen.push(...page.entries.map((e) => e.requestId));
        if (!page.next) break;
        page = await store.list({ cluster }, { limit: 2, before: page.next });
      }
      expect(seen).toEqual(await ids({}));
      expect(seen).toHaveLength(5);
      const streamed: string[] = [];
      for await (const e of store.each({ cluster }, 2)) streamed.push(e.requestId);
      expect(streamed).toEqual(seen);
    });
  });

  describe('elevation', () => {
    it('is active until it expires, can be ended early, and a new one replaces the old', async () => {
      const elevations = new ElevationStore(temp.db, { now });
      expect(await elevations.active('dave', 'local')).toBeUndefined();
      const first = await elevations.start('dave', 'local', 'incident 42', 15);
      expect(first.expiresAt).toBe(new Date(clock.getTime() + 15 * 60_000).toISOString());
      expect(await elevations.active('dave', 'local')).toMatchObject({ reason: 'incident 42' });
      expect(await elevations.active('dave', 'other')).toBeUndefined();
      expect(await elevations.active('erin', 'local')).toBeUndefined();

      tick(14 * 60_000);
      expect(await elevations.active('dave', 'local')).toBeDefined();
      tick(60_000);
      expect(await elevations.active('dave', 'local')).toBeUndefined();
      expect(await elevations.end('dave', 'local')).toBe(false);

      await elevations.start('dave', 'local', 'deploy', 10);
      const second = await elevations.start('dave', 'local', 'deploy, take two', 5);
      expect((await elevations.active('dave', 'local'))?.id).toBe(second.id);
      expect(await elevations.end('dave', 'local')).toBe(true);
      expect(await elevations.active('dave', 'local')).toBeUndefined();
    });
  });

  it('migrates idempotently: a second process opening the same database sees the same log', async () => {
    const id = await store.recordAttempt(attempt({ requestId: 'second-opener' }));
    const again = await openDatabase(temp.target);
    try {
      expect((await new AuditStore(again).get(id))?.requestId).toBe('second-opener');
    } finally {
      await again.destroy();
    }
  });
});
