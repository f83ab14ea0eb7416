import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Identity } from '@/server/auth/identity';
import { signedIn as who } from '@/server/auth/testing/fake-identity';

// Per-user limits through the real route handlers against the real local cluster (issue 11, items 5
// and 6; ADR 0016). Only "who is signed in" is replaced, as in api-routes.int.test.ts.

// The audit log of this run goes to a throwaway SQLite file (serverEnv() reads env lazily).
process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-h3b-limits-it-'));

vi.mock('@/server/auth/identity', () => import('@/server/auth/testing/fake-identity'));

const { GET: streamRoute } = await import('@/app/api/stream/route');
const { GET: logRoute } = await import('@/app/api/k8s/[cluster]/[kind]/[namespace]/[name]/log/route');
const { POST: actionRoute } = await import('@/app/api/k8s/[cluster]/[kind]/[namespace]/[name]/actions/[action]/route');
const { clusterCache } = await import('@/server/k8s/registry');
const { auditFor } = await import('@/server/k8s/actions/actions-test-helpers');
const { MAX_STREAMS_PER_USER, userStreams } = await import('@/server/k8s/stream-limits');
const { FOLLOW_LIMITS } = await import('@/server/k8s/logs');

const alice: Identity = { user: 'alice', groups: ['wheelhouse:operators'] };
const decoder = new TextDecoder();

/** What the stream sent until `pattern` appeared, it ended, or 15 s went by. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp): Promise<string> {
  let text = '';
  const deadline = Date.now() + 15_000;
  while (!pattern.test(text) && Date.now() < deadline) {
    const timeout = new Promise<{ done: true; value: undefined }>((resolve) =>
      setTimeout(() => resolve({ done: true, value: undefined }), Math.max(0, deadline - Date.now())),
    );
    const { value, done } = await Promise.race([reader.read(), timeout]);
    if (done) break;
    text += decoder.decode(value);
  }
  return text;
}

beforeEach(() => {
  who.identity = alice;
});

afterAll(async () => {
  await clusterCache({ name: 'local' }).stop();
});

describe('GET /api/stream, per person', () => {
  it(`keeps at most ${MAX_STREAMS_PER_USER} streams of one person open: a new one closes the oldest`, async () => {
    const aborts: AbortController[] = [];
    const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
    try {
      for (let i = 0; i <= MAX_STREAMS_PER_USER; i++) {
        const abort = new AbortController();
        aborts.push(abort);
        const res = await streamRoute(
          new Request('http://localhost/api/stream?sub=local:namespaces', { signal: abort.signal }),
        );
        expect(res.status).toBe(200);
        const reader = res.body?.getReader();
        if (!reader) throw new Error('no body');
        readers.push(reader);
        await readUntil(reader, /event: ready/);
      }
      // The oldest was told to come back later, and ended; the newest ones stay open.
      const oldest = await readUntil(readers[0] as ReadableStreamDefaultReader<Uint8Array>, /too-many-streams.*\n\n/);
      expect(oldest).toMatch(/retry: 30000\nevent: closed\ndata: \{"reason":"too-many-streams"\}/);
      expect((await readers[0]?.read())?.done).toBe(true);
      expect(userStreams().count('alice')).toBe(MAX_STREAMS_PER_USER);
    } finally {
      for (const a of aborts) a.abort();
    }
  });
});

describe('GET …/pods/<ns>/<name>/log?follow=true, per person', () => {
  it(`refuses more than ${FOLLOW_LIMITS.perUser} followed logs of one person with 429 and Retry-After`, async () => {
    const cache = clusterCache({ name: 'local' });
    const { podsKind } = await import('@/lib/k8s/kinds/pods');
    const pods = await cache.reflector(podsKind);
    expect(await pods.ready(15_000)).toBe(true);
    const pod = pods.store.byIndex('namespace', 'shop-frontend').find((p) => p.metadata.name.startsWith('storefront-'));
    if (!pod) throw new Error('no storefront pod in shop-frontend');
    const follow = (signal: AbortSignal) =>
      logRoute(
        new Request(
          `http://localhost/api/k8s/local/pods/shop-frontend/${pod.metadata.name}/log?follow=true&tailLines=1`,
          {
            signal,
          },
        ),
        {
          params: Promise.resolve({
            cluster: 'local',
            kind: 'pods',
            namespace: 'shop-frontend',
            name: pod.metadata.name,
          }),
        },
      );
    const aborts: AbortController[] = [];
    try {
      for (let i = 0; i < FOLLOW_LIMITS.perUser; i++) {
        const abort = new AbortController();
        aborts.push(abort);
        expect((await follow(abort.signal)).status).toBe(200);
      }
      const refused = await follow(new AbortController().signal);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Ending one makes room again.
      const first = aborts[0] as AbortController;
      first.abort();
      const again = new AbortController();
      aborts.push(again);
      const res = await waitForStatus(() => follow(again.signal), 200);
      expect(res.status).toBe(200);
    } finally {
      for (const a of aborts) a.abort();
    }
  });
});

describe('POST …/actions/<action> on a namespace that does not exist', () => {
  it('answers 404 and writes no audit row', async () => {
    const requestId = randomUUID();
    const res = await actionRoute(
      new Request('http://localhost/api/k8s/local/deployments/h3b-made-up/web/actions/scale', {
        method: 'POST',
        headers: { origin: 'http://localhost', 'content-type': 'application/json' },
        body: JSON.stringify({ requestId, resourceVersion: '1', replicas: 2 }),
      }),
      {
        params: Promise.resolve({
          cluster: 'local',
          kind: 'deployments',
          namespace: 'h3b-made-up',
          name: 'web',
          action: 'scale',
        }),
      },
    );
    expect(res.status).toBe(404);
    expect(await auditFor(requestId)).toBeUndefined();
  });
});

/** The route's answer once it is `status` (a released place is freed when the aborted body ends). */
async function waitForStatus(call: () => Promise<Response>, status: number): Promise<Response> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await call();
    if (res.status === status || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}
