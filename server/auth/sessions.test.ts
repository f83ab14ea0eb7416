import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tempSqlite, type TempDatabase } from '@/server/audit/testing/temp-database';

import { RevocationStore } from './revocation-store';
import { RevocationSet, RevocationSync } from './sessions';

describe('RevocationSet', () => {
  it('revoking notifies every listener of that session once and only that session', () => {
    const set = new RevocationSet();
    const calls: string[] = [];
    const offA = set.on('s-a', () => calls.push('a1'));
    set.on('s-a', () => calls.push('a2'));
    set.on('s-b', () => calls.push('b'));
    expect(set.mark('s-a', Date.now() + 60_000)).toBe(true);
    expect(set.mark('s-a', Date.now() + 60_000)).toBe(false);
    expect(calls).toEqual(['a1', 'a2']);
    expect(set.has('s-a')).toBe(true);
    expect(set.has('s-b')).toBe(false);
    offA();
    expect(set.listenerCount).toBe(1);
  });

  it('a listener added after revocation fires at once; unregistering cleans up', () => {
    const set = new RevocationSet();
    set.mark('s-c', Date.now() + 60_000);
    let fired = false;
    set.on('s-c', () => (fired = true));
    expect(fired).toBe(true);
    const off = set.on('s-d', () => undefined);
    off();
    expect(set.listenerCount).toBe(0);
  });

  it('forgets revocations once the session would have expired anyway', () => {
    const set = new RevocationSet();
    set.mark('s-old', 1_000);
    set.mark('s-new', 10_000);
    set.prune(2_000);
    expect(set.has('s-old')).toBe(false);
    expect(set.has('s-new')).toBe(true);
  });
});

describe('RevocationSync (two replicas on one SQLite file)', () => {
  let temp: TempDatabase;
  beforeAll(async () => {
    temp = await tempSqlite();
  });
  afterAll(async () => temp.close());

  it('a revocation made by one is loaded at start and polled by the other, firing its listeners', async () => {
    const a = await new RevocationSync(new RevocationStore(temp.db), new RevocationSet(), { pollMs: 50 }).start();
    await a.revoke('before-start', Date.now() + 60_000);
    const b = await new RevocationSync(new RevocationStore(temp.db), new RevocationSet(), { pollMs: 50 }).start();
    expect(b.set.has('before-start')).toBe(true);

    let closed = false;
    b.set.on('later', () => (closed = true));
    await a.revoke('later', Date.now() + 60_000);
    await expect.poll(() => closed, { timeout: 5_000 }).toBe(true);
    expect(b.set.has('later')).toBe(true);
    expect(await b.isRevokedDurably('never')).toBe(false);
    a.stop();
    b.stop();
  });

  it('expired revocations are not loaded and are pruned', async () => {
    const store = new RevocationStore(temp.db);
    await store.revoke('expired', new Date(Date.now() - 1_000));
    const c = await new RevocationSync(store, new RevocationSet()).start();
    expect(c.set.has('expired')).toBe(false);
    expect(await store.prune()).toBeGreaterThanOrEqual(1);
    c.stop();
  });
});
