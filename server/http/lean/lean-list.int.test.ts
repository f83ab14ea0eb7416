import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureStandaloneBuild } from '../../../deploy/standalone-build';
import { freePort } from '../../../e2e/support/free-port';
import { LOCAL_USERS, startOpsServer, type OpsServer } from '../../../e2e/support/ops-server';
import { signInWithPassword } from '../../../e2e/support/sign-in-http';

// ADR 0026: the lean list handler answers GET /api/k8s/<cluster>/<kind> exactly as the Next.js route
// does. Two production servers from the same build, run as the image runs (`node server.js`): one
// with the lean handler (the default), one with WHEELHOUSE_LEAN_API=off (every request through
// Next.js). Same request, same cookie → same status, same headers in the same order, same body. Two
// fields differ between any two processes and are compared by shape only: the live-stream position
// (`stream`, the process's hub) and `cache.syncedAt` (when that process's reflector listed).

const TOKEN = 'lean-list-test-metrics-token-0123456789';
let lean: OpsServer;
let next: OpsServer;
let alice = '';
let bob = '';

interface Raw {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          pairs.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

// Per process by nature: the request id (random), the date, the stream position, the listing time.
const headersOf = (r: Raw) => r.headers.map(([k, v]) => (/^(x-request-id|date)$/i.test(k) ? [k, '…'] : [k, v]));
const bodyOf = (r: Raw, gzip = false) =>
  (gzip ? gunzipSync(r.body) : r.body)
    .toString('utf8')
    .replace(/"stream":"[0-9a-f]+-\d+"/, '"stream":"…"')
    .replace(/"syncedAt":"[^"]+"/, '"syncedAt":"…"');

const differs = (a: Raw, b: Raw, gzip: boolean) =>
  a.status !== b.status ||
  JSON.stringify(headersOf(a)) !== JSON.stringify(headersOf(b)) ||
  bodyOf(a, gzip) !== bodyOf(b, gzip);

/**
 * The same request to both servers at once: equal status, headers (in order) and body. The local
 * cluster is live (pods restart, other tests create and delete), so two reads may straddle a change,
 * and each process has its own access-review budget and cache: a differing pair is asked again, a
 * few times, before it counts as a difference.
 */
async function same(path: string, headers: Record<string, string> = {}, gzip = false): Promise<Raw> {
  for (let attempt = 1; ; attempt++) {
    const [a, b] = await Promise.all([get(lean.url, path, headers), get(next.url, path, headers)]);
    if (attempt < 5 && differs(a, b, gzip)) {
      await new Promise((r) => setTimeout(r, 1_000));
      continue;
    }
    expect(a.status, `${path}: ${bodyOf(a, gzip).slice(0, 200)} / ${bodyOf(b, gzip).slice(0, 200)}`).toBe(b.status);
    expect(headersOf(a), path).toEqual(headersOf(b));
    expect(bodyOf(a, gzip), path).toBe(bodyOf(b, gzip));
    return a;
  }
}

async function leanServed(): Promise<number> {
  const res = await fetch(`${lean.url}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  const line = (await res.text()).split('\n').find((l) => l.startsWith('wheelhouse_http_lean_requests_total'));
  return Number(line?.split(' ').at(-1) ?? 0);
}

beforeAll(async () => {
  process.env.WHEELHOUSE_DIST_DIR ||= await ensureStandaloneBuild();
  [lean, next] = await Promise.all([
    freePort().then((port) => startOpsServer(port, { WHEELHOUSE_METRICS_TOKEN: TOKEN })),
    freePort().then((port) => startOpsServer(port, { WHEELHOUSE_METRICS_TOKEN: TOKEN, WHEELHOUSE_LEAN_API: 'off' })),
  ]);
  // One session each, used on both servers: same secret, so the same cookie is the same person.
  alice = await signInWithPassword(lean.url, 'alice', LOCAL_USERS.alice.password);
  bob = await signInWithPassword(lean.url, 'bob', LOCAL_USERS.bob.password);
}, 600_000);

afterAll(async () => {
  await Promise.all([lean?.stop(), next?.stop()]);
});

describe('the lean list handler answers as the Next.js route does', () => {
  it('signed out: 401', async () => {
    expect((await same('/api/k8s/local/pods')).status).toBe(401);
    expect((await same('/api/k8s/local/pods', { cookie: 'next-auth.session-token=forged' })).status).toBe(401);
  });

  it('a bad query: 400; an unknown kind or cluster: 404', async () => {
    expect((await same('/api/k8s/local/pods?limit=abc', { cookie: alice })).status).toBe(400);
    expect((await same('/api/k8s/local/pods?offset=-1&order=up', { cookie: alice })).status).toBe(400);
    expect((await same('/api/k8s/local/nopes', { cookie: alice })).status).toBe(404);
    expect((await same('/api/k8s/elsewhere/pods', { cookie: alice })).status).toBe(404);
  });

  it('an operator: every namespace; a developer: only theirs', async () => {
    const before = await leanServed();
    const all = await same('/api/k8s/local/pods?sort=age&order=desc&limit=200', { cookie: alice });
    expect(all.status).toBe(200);
    const dev = await same('/api/k8s/local/pods?sort=age&order=desc&limit=200', { cookie: bob });
    expect(dev.status).toBe(200);
    // Alice's page may hold only the newest (bench) namespaces; compare with a page she shares with bob.
    await same('/api/k8s/local/pods?namespace=shop-backend,shop-frontend,kube-system&limit=200', { cookie: bob });
    const namespaces = (r: Raw) =>
      new Set(
        (JSON.parse(r.body.toString('utf8')) as { items: { namespace: string }[] }).items.map((i) => i.namespace),
      );
    expect(namespaces(dev).size).toBeGreaterThan(0);
    expect(namespaces(dev).size).toBeLessThan(namespaces(all).size);
    await same('/api/k8s/local/pods?namespace=kube-system&sort=age&order=desc&limit=50', { cookie: bob });
    await same('/api/k8s/local/deployments?namespace=shop-backend', { cookie: alice });
    await same('/api/k8s/local/namespaces', { cookie: bob });
    // The lean server answered these itself (and not through Next.js).
    expect((await leanServed()) - before).toBeGreaterThanOrEqual(5);
  });

  it('compressed as Next.js compresses (Accept-Encoding), with the same Vary', async () => {
    const r = await same(
      '/api/k8s/local/pods?limit=50',
      { cookie: alice, 'accept-encoding': 'gzip, deflate, br' },
      true,
    );
    expect(r.headers).toContainEqual(['Content-Encoding', 'gzip']);
  });

  it('passes everything else on to Next.js: sibling routes, other methods, encoded paths', async () => {
    await same('/api/k8s/local/_kinds', { cookie: alice });
    expect((await same('/api/k8s/local/why', { cookie: alice })).status).toBeLessThan(500);
    const before = await leanServed();
    await same('/api/k8s/local/pods/?limit=1', { cookie: alice });
    await same('/api/k8s/local/Pods?limit=1', { cookie: alice });
    expect(await leanServed()).toBe(before);
  });

  it('labels its requests with the route pattern in the request metrics', async () => {
    const res = await fetch(`${lean.url}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const text = await res.text();
    expect(text).toMatch(
      /wheelhouse_http_request_duration_seconds_count\{method="GET",route="\/api\/k8s\/\[cluster\]\/\[kind\]",status="200"\} \d+/,
    );
    expect(text).toMatch(/route="\/api\/k8s\/\[cluster\]\/\[kind\]",status="401"/);
  });
});
