import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { KubeObject } from '@/lib/k8s/object';
import { Reflector } from '@/server/k8s/reflector';
import type * as transport from '@/server/k8s/transport';
import { HttpStatusError, type KubeRequest } from '@/server/k8s/transport';

// The reflector's paginated LIST against a scripted transport: each request waits until the test
// answers it, so the order of requests and work is observable without timing (ADR 0002, "Cold list").

interface Pending {
  cont: string | undefined;
  signal: AbortSignal | undefined;
  resolve: (body: unknown) => void;
  reject: (err: Error) => void;
}

const api = vi.hoisted(() => ({
  log: [] as string[],
  lists: [] as Pending[],
  watches: [] as Pending[],
}));

vi.mock('@/server/k8s/transport', async (importOriginal) => {
  const real = await importOriginal<typeof transport>();
  const scripted = (into: Pending[], what: string) => (_kc: unknown, req: KubeRequest) =>
    new Promise((resolve, reject) => {
      const cont = req.query?.continue as string | undefined;
      api.log.push(`${what} ${cont ?? 'first'}`);
      // As the real transport: an aborted request fails with "aborted" (also when aborted before).
      if (req.signal?.aborted) reject(new Error('aborted'));
      else req.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      into.push({ cont, signal: req.signal, resolve, reject });
    });
  return { ...real, kubeJson: scripted(api.lists, 'request'), kubeWatch: scripted(api.watches, 'watch') };
});

const kc = new KubeConfig();

function pod(name: string, rv = '1'): KubeObject {
  return { metadata: { namespace: 'a', name, uid: name, resourceVersion: rv } };
}

function page(items: KubeObject[], cont?: string) {
  return { metadata: { resourceVersion: '100', continue: cont }, items };
}

function reflector(): { r: Reflector; events: string[] } {
  const events: string[] = [];
  const r = new Reflector({
    kc,
    listPath: '/api/v1/pods',
    transform: (o) => (api.log.push(`transform ${o.metadata.name}`), o),
  });
  r.onChange((type, obj) => events.push(`${type} ${obj.metadata.name}@${obj.metadata.resourceVersion}`));
  return { r, events };
}

/** The n-th list request (0-based), once the reflector has sent it. */
async function listRequest(n: number): Promise<Pending> {
  await vi.waitFor(() => expect(api.lists.length).toBeGreaterThan(n));
  return api.lists[n]!;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  api.log.length = api.lists.length = api.watches.length = 0;
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});

afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** Lets pending promise callbacks and a macrotask run (where an unhandled rejection would be reported). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the reflector LIST', () => {
  it('asks for the next page before it transforms the page it has, one request at a time', async () => {
    const { r } = reflector();
    r.start();
    (await listRequest(0)).resolve(page([pod('p1'), pod('p2')], 'c2'));
    const second = await listRequest(1);
    expect(second.cont).toBe('c2');
    expect(api.log).toEqual(['request first', 'request c2', 'transform p1', 'transform p2']);
    expect(api.lists).toHaveLength(2);
    second.resolve(page([pod('p3')]));
    expect(await r.ready(5_000)).toBe(true);
    await vi.waitFor(() => expect(api.watches).toHaveLength(1));
    expect(api.log).toEqual([
      'request first',
      'request c2',
      'transform p1',
      'transform p2',
      'transform p3',
      'watch first',
    ]);
    expect(api.lists).toHaveLength(2);
    expect([...r.store.keys()]).toEqual(['a/p1', 'a/p2', 'a/p3']);
    expect(r.stats.listStartedAt).toBeTypeOf('number');
    expect(r.stats.listSyncedAt).toBeGreaterThanOrEqual(r.stats.listStartedAt!);
    await r.stop();
  });

  it('fills the store page by page on the first list, and is ready only after the last page', async () => {
    const { r, events } = reflector();
    r.start();
    (await listRequest(0)).resolve(page([pod('p1'), pod('p2')], 'c2'));
    const second = await listRequest(1);
    expect(r.store.size).toBe(2);
    expect(events).toEqual(['ADDED p1@1', 'ADDED p2@1']);
    expect(r.state).toBe('syncing');
    expect(r.lastSyncAt).toBeUndefined();
    expect(r.stats.listSyncedAt).toBeUndefined();
    expect(await r.ready(0)).toBe(false);
    second.resolve(page([pod('p3')]));
    expect(await r.ready(5_000)).toBe(true);
    expect(events).toEqual(['ADDED p1@1', 'ADDED p2@1', 'ADDED p3@1']);
    await r.stop();
  });

  it('removes what a failed first attempt stored and the next one did not see', async () => {
    const { r, events } = reflector();
    r.start();
    (await listRequest(0)).resolve(page([pod('p1'), pod('p2')], 'c2'));
    (await listRequest(1)).reject(new HttpStatusError(500, 'boom'));
    // The retry after the backoff (250–500 ms).
    (await listRequest(2)).resolve(page([pod('p2'), pod('p3')]));
    expect(await r.ready(5_000)).toBe(true);
    expect([...r.store.keys()].sort()).toEqual(['a/p2', 'a/p3']);
    expect(events).toEqual(['ADDED p1@1', 'ADDED p2@1', 'ADDED p3@1', 'DELETED p1@1']);
    await r.stop();
  });

  it('relists after 410 as before: the store is replaced whole once the last page is in', async () => {
    const { r, events } = reflector();
    r.start();
    (await listRequest(0)).resolve(page([pod('p1'), pod('p2')]));
    expect(await r.ready(5_000)).toBe(true);
    await vi.waitFor(() => expect(api.watches).toHaveLength(1));
    api.watches[0]!.reject(new HttpStatusError(410, 'Gone'));
    (await listRequest(1)).resolve(page([pod('p2', '2'), pod('p3')], 'c2'));
    const last = await listRequest(2);
    // Mid-relist the store still holds the last complete list, untouched.
    expect([...r.store.keys()]).toEqual(['a/p1', 'a/p2']);
    expect(r.store.get('a/p2')?.metadata.resourceVersion).toBe('1');
    expect(events).toEqual(['ADDED p1@1', 'ADDED p2@1']);
    last.resolve(page([pod('p4')]));
    await vi.waitFor(() => expect(api.watches).toHaveLength(2));
    expect([...r.store.keys()].sort()).toEqual(['a/p2', 'a/p3', 'a/p4']);
    expect(events).toEqual(['ADDED p1@1', 'ADDED p2@1', 'DELETED p1@1', 'MODIFIED p2@2', 'ADDED p3@1', 'ADDED p4@1']);
    expect(r.stats.relists).toBe(1);
    await r.stop();
  });

  it('leaves no unhandled rejection when stopped with a page in flight', async () => {
    const { r } = reflector();
    r.start();
    (await listRequest(0)).resolve(page([pod('p1')], 'c2'));
    const second = await listRequest(1);
    await r.stop();
    expect(second.signal?.aborted).toBe(true);
    await settle();
    expect(unhandled).toEqual([]);
    expect(r.state).toBe('stopped');
  });

  it('cancels the page in flight and leaves no unhandled rejection when a transform throws', async () => {
    const events: string[] = [];
    const r = new Reflector({
      kc,
      listPath: '/api/v1/pods',
      transform: (o) => {
        if (o.metadata.name === 'bad') throw new Error('transform failed');
        return o;
      },
    });
    r.onChange((type, obj) => events.push(`${type} ${obj.metadata.name}`));
    r.start();
    (await listRequest(0)).resolve(page([pod('p1'), pod('bad')], 'c2'));
    const second = await listRequest(1);
    await vi.waitFor(() => expect(r.lastError?.message).toBe('transform failed'));
    expect(second.signal?.aborted).toBe(true);
    await settle();
    expect(unhandled).toEqual([]);
    await r.stop();
  });
});
