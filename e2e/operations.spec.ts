import { expect, test } from '@playwright/test';

import { addScrapeTarget, ensureScrapeJob, scrapeToken } from '../local-cluster/prometheus-scrape';
import { ENDPOINTS } from '../local-cluster/paths';
import { freePort } from './support/free-port';
import { LOCAL_USERS, startOpsServer, type OpsServer } from './support/ops-server';
import { signInWithPassword } from './support/sign-in-http';

// The operations surface of a production server (ADR 0014): probes that tell an anonymous caller
// nothing but up/down, /api/metrics behind its bearer token — scraped for real by the local
// Prometheus — and one structured log line per request.

let PORT = 0;
const TOKEN = scrapeToken();
let server: OpsServer;
let removeTarget: (() => void) | undefined;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  PORT = await freePort();
  server = await startOpsServer(PORT, { WHEELHOUSE_METRICS_TOKEN: TOKEN, NEXT_MANUAL_SIG_HANDLE: 'true' });
});

test.afterAll(async () => {
  removeTarget?.();
  await server?.stop();
});

async function metricsText(): Promise<string> {
  const res = await fetch(`${server.url}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

function sample(text: string, name: string, kind: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`kind="${kind}"`));
  return line ? Number(line.split(' ').at(-1)) : undefined;
}

// Runs first, on a server nobody has asked for a list yet: readiness means the startup caches are
// warm, and the first person's request must be served from them — not from a second LIST after the
// route bundle built its own kubeconfig and the registry threw the warm caches away.
test('the first list after ready is served by the caches warmed at startup', async () => {
  const atReady = await metricsText();
  expect(sample(atReady, 'wheelhouse_k8s_reflector_lists_total', 'pods')).toBe(1);
  const cookie = await signInWithPassword(server.url, 'alice', LOCAL_USERS.alice.password);
  const res = await fetch(`${server.url}/api/k8s/local/pods?limit=5`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  const after = await metricsText();
  expect(sample(after, 'wheelhouse_k8s_reflector_lists_total', 'pods')).toBe(1);
  for (const kind of ['namespaces', 'pods', 'deployments']) {
    expect(sample(after, 'wheelhouse_k8s_cache_objects', kind), kind).toBeGreaterThan(0);
  }
});

test('probes answer without a session and reveal only up or down', async () => {
  const health = await fetch(`${server.url}/api/healthz`, { redirect: 'manual' });
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });

  const ready = await fetch(`${server.url}/api/readyz`, { redirect: 'manual' });
  expect(ready.status).toBe(200);
  expect(ready.headers.get('cache-control')).toContain('no-store');
  expect(await ready.json()).toEqual({ status: 'ready' });

  // A wrong token is just anonymous; the right one adds the checks and why.
  const wrong = await fetch(`${server.url}/api/readyz`, { headers: { Authorization: 'Bearer not-the-token-at-all' } });
  expect(await wrong.json()).toEqual({ status: 'ready' });
  const detailed = (await (
    await fetch(`${server.url}/api/readyz`, { headers: { Authorization: `Bearer ${TOKEN}` } })
  ).json()) as { checks: { name: string; ok: boolean }[] };
  expect(detailed.checks.map((c) => c.name)).toEqual(['shutdown', 'config', 'audit-database', 'cluster:local']);
  expect(detailed.checks.every((c) => c.ok)).toBe(true);
});

test('metrics need the bearer token', async () => {
  const anonymous = await fetch(`${server.url}/api/metrics`, { redirect: 'manual' });
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
  expect(await anonymous.text()).not.toContain('wheelhouse_');
  const wrong = await fetch(`${server.url}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}x` } });
  expect(wrong.status).toBe(401);
  const ok = await fetch(`${server.url}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toContain('text/plain');
  const text = await ok.text();
  expect(text).toContain('process_resident_memory_bytes');
  expect(text).toMatch(/wheelhouse_k8s_cache_objects\{cluster="local",kind="pods"\} [1-9]/);
});

test('every API request is logged once with request id, user, route pattern, status and duration', async () => {
  const cookie = await signInWithPassword(server.url, 'alice', LOCAL_USERS.alice.password);
  const res = await fetch(`${server.url}/api/k8s/local/pods?namespace=shop-frontend`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  const requestId = res.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  await expect
    .poll(() => server.logLines().filter((l) => l.requestId === requestId), { timeout: 10_000 })
    .toHaveLength(1);
  const line = server.logLines().find((l) => l.requestId === requestId);
  expect(line).toMatchObject({
    level: 'info',
    component: 'http',
    method: 'GET',
    route: '/api/k8s/[cluster]/[kind]',
    path: '/api/k8s/local/pods',
    status: 200,
    msg: 'request',
  });
  expect(String(line?.user)).toContain('alice');
  expect(typeof line?.durationMs).toBe('number');
  // No cookie or token ever reaches the log.
  expect(server.output()).not.toContain(cookie.split('=')[1]?.slice(0, 24) ?? 'unreachable');
});

interface PromVector {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

async function promQuery(query: string): Promise<PromVector['data']['result']> {
  const res = await fetch(`${ENDPOINTS.prometheus}/api/v1/query?${new URLSearchParams({ query })}`);
  return ((await res.json()) as PromVector).data.result;
}

test('the local Prometheus scrapes the server with the bearer token', async () => {
  const instance = `127.0.0.1:${PORT}`;
  // Target first: if the job is new, the reload then reads the file at once instead of waiting for
  // a change notification.
  removeTarget = addScrapeTarget(`e2e-${PORT}`, instance);
  await ensureScrapeJob();
  const selector = `job="wheelhouse",instance="${instance}"`;
  // File discovery picks the target up within seconds; the scrape interval is 5 s.
  await expect
    .poll(async () => (await promQuery(`up{${selector}}`))[0]?.value[1], { timeout: 90_000, intervals: [2_000] })
    .toBe('1');
  await expect
    .poll(
      async () =>
        (await promQuery(`wheelhouse_http_request_duration_seconds_count{${selector},route="/api/metrics"}`)).length,
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
  const cached = await promQuery(`wheelhouse_k8s_cache_objects{${selector},cluster="local",kind="pods"}`);
  expect(Number(cached[0]?.value[1])).toBeGreaterThan(0);
  const lists = await promQuery(`wheelhouse_k8s_reflector_lists_total{${selector},kind="pods"}`);
  expect(Number(lists[0]?.value[1])).toBeGreaterThanOrEqual(1);
});
