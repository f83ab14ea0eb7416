import { afterEach, describe, expect, it, vi } from 'vitest';

import { KubeError, type KubeClient } from './kube-client';
import { silentLogger } from './log';
import { deleteAt, PodController } from './pod-controller';
import type { RawPod } from './types';

afterEach(() => {
  vi.useRealTimers();
});

interface Call {
  method: string;
  path: string;
  body: { status?: RawPod['status']; metadata?: { uid: string }; gracePeriodSeconds?: number };
}

function fakeClient(fail?: (c: Call) => Error | undefined) {
  const calls: Call[] = [];
  const client = {
    request: vi.fn(async (method: string, path: string, opts: { body?: unknown } = {}) => {
      const call = { method, path, body: opts.body as Call['body'] };
      calls.push(call);
      const err = fail?.(call);
      if (err) throw err;
      return {};
    }),
  };
  return { client: client as unknown as KubeClient, calls };
}

function pod(name: string, over: Partial<RawPod['metadata']> = {}, nodeName = 'wh-node-1'): RawPod {
  return {
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: '1', ...over },
    spec: { nodeName, containers: [{ name: 'app', image: 'nginx:1.25' }] },
    status: { phase: 'Pending' },
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function controller(client: KubeClient) {
  return new PodController(
    client,
    { nodes: new Set(['wh-node-1']), hostIP: '127.0.0.1', maxGraceMs: 2000, concurrency: 5 },
    silentLogger,
  );
}

describe('PodController', () => {
  it('runs pods bound to its nodes, then marks them Ready after the delay', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-05-01T10:00:00Z') });
    const { client, calls } = fakeClient();
    const c = controller(client);
    c.replace([pod('a'), pod('elsewhere', {}, 'other-node'), pod('pending', {}, '')]);
    await flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/v1/namespaces/ns/pods/a/status',
      body: { metadata: { uid: 'uid-a' }, status: { phase: 'Running', podIP: '10.244.0.1' } },
    });
    expect(calls[0]?.body.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');

    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.body.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    expect(c.pods.size).toBe(3);
  });

  it('does not patch again when the stored status already matches (restart safety)', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-05-01T10:00:10Z') });
    const first = fakeClient();
    const c1 = controller(first.client);
    c1.replace([pod('a')]);
    await vi.advanceTimersByTimeAsync(3000);
    const stored = first.calls.at(-1)?.body.status;

    const second = fakeClient();
    const c2 = controller(second.client);
    c2.replace([{ ...pod('a'), status: stored }]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(second.calls).toHaveLength(0);
    expect(c2.sims.get('uid-a')?.podIP).toBe(stored?.podIP);
  });

  it('finishes deletions after min(grace, max-grace) with grace period 0', async () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    vi.useFakeTimers({ now });
    const { client, calls } = fakeClient();
    const c = controller(client);
    const deletion = { deletionTimestamp: new Date(now + 30_000).toISOString(), deletionGracePeriodSeconds: 30 };
    c.replace([pod('a', deletion)]);
    await flush();
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toMatchObject([
      { method: 'DELETE', path: '/api/v1/namespaces/ns/pods/a', body: { gracePeriodSeconds: 0 } },
    ]);
  });

  it('retries on server errors and gives up on 404', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-05-01T10:00:00Z') });
    let failures = 1;
    const { client, calls } = fakeClient((call) => {
      if (call.path.includes('/gone/')) return new KubeError(404, 'NotFound', 'gone');
      return failures-- > 0 ? new KubeError(500, 'InternalError', 'boom') : undefined;
    });
    const c = controller(client);
    c.replace([pod('a'), pod('gone')]);
    await flush();
    await vi.advanceTimersByTimeAsync(2100);
    const paths = calls.map((x) => x.path);
    expect(paths.filter((p) => p.includes('/a/'))).toHaveLength(2);
    expect(paths.filter((p) => p.includes('/gone/'))).toHaveLength(1);
  });

  it('releases the pod IP when the pod is deleted', async () => {
    vi.useFakeTimers({ now: Date.parse('2024-05-01T10:00:00Z') });
    const { client } = fakeClient();
    const c = controller(client);
    c.replace([pod('a')]);
    await flush();
    c.event('DELETED', pod('a'));
    expect(c.pods.size).toBe(0);
    expect(c.sims.size).toBe(0);
    c.event('ADDED', pod('b'));
    await flush();
    expect(c.sims.get('uid-b')?.podIP).toBe('10.244.0.2');
  });
});

describe('deleteAt', () => {
  it('caps the grace period', () => {
    const t = Date.parse('2024-05-01T10:00:30Z');
    expect(deleteAt({ deletionTimestamp: '2024-05-01T10:00:30Z', deletionGracePeriodSeconds: 30 }, 2000)).toBe(
      t - 28_000,
    );
    expect(deleteAt({ deletionTimestamp: '2024-05-01T10:00:30Z', deletionGracePeriodSeconds: 1 }, 2000)).toBe(t);
  });
});
