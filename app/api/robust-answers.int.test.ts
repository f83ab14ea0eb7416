import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Identity } from '@/server/auth/identity';
import { signedIn as who } from '@/server/auth/testing/fake-identity';

// Answers that must say whose mistake it was (issue 11, items 11 and 13), through the route
// handlers against the real local cluster and its seed. Only "who is signed in" is replaced.

vi.mock('@/server/auth/identity', () => import('@/server/auth/testing/fake-identity'));

const { GET: logRoute } = await import('@/app/api/k8s/[cluster]/[kind]/[namespace]/[name]/log/route');
const { GET: listRoute } = await import('@/app/api/k8s/[cluster]/[kind]/route');
const { POST: actionRoute } = await import('@/app/api/k8s/[cluster]/[kind]/[namespace]/[name]/actions/[action]/route');
const { POST: elevationRoute } = await import('@/app/api/elevation/route');
const { metricsRegistry } = await import('@/server/observability/metrics');
const { clusterCache } = await import('@/server/k8s/registry');

const alice: Identity = { user: 'alice', groups: ['wheelhouse:operators'] };

beforeEach(() => {
  who.identity = alice;
});

afterAll(async () => {
  await clusterCache({ name: 'local' }).stop();
});

async function runningInventoryPod(): Promise<string> {
  const res = await listRoute(new Request('http://localhost/api/k8s/local/pods?namespace=shop-backend&q=inventory'), {
    params: Promise.resolve({ cluster: 'local', kind: 'pods' }),
  });
  const body = (await res.json()) as { items: { name: string; restarts?: number }[] };
  const pod = body.items.find((p) => p.name.startsWith('inventory-'));
  if (!pod) throw new Error('the seed has no inventory pod');
  return pod.name;
}

function log(name: string, query: string) {
  return logRoute(new Request(`http://localhost/api/k8s/local/pods/shop-backend/${name}/log${query}`), {
    params: Promise.resolve({ cluster: 'local', kind: 'pods', namespace: 'shop-backend', name }),
  });
}

describe("the API server's 400s are the client's mistake, not a 500", () => {
  it('a container that does not exist: 400 with the reason', async () => {
    const pod = await runningInventoryPod();
    const res = await log(pod, '?container=nope');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { kind: string; message: string } };
    expect(error.kind).toBe('invalid');
    expect(error.message).toContain(`container nope is not valid for pod ${pod}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('previous=true on a container that never restarted: 400 with the reason', async () => {
    const pod = await runningInventoryPod();
    const res = await log(pod, '?previous=true');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { kind: string; message: string } };
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/previous terminated container "inventory" in pod .* not found/);
  });
});

const origin = 'http://localhost:3000';
function post(url: string, body: string, type = 'application/json') {
  return new Request(url, {
    method: 'POST',
    body,
    headers: { 'content-type': type, origin, 'sec-fetch-site': 'same-origin', host: 'localhost:3000' },
  });
}

describe('request bodies are capped', () => {
  const huge = JSON.stringify({ replicas: 1, reason: 'x'.repeat(2 * 1024 * 1024) });

  it('an action with a 2 MB body is refused with 413 before it is parsed', async () => {
    const res = await actionRoute(
      post(`${origin}/api/k8s/local/deployments/shop-backend/inventory/actions/scale`, huge),
      {
        params: Promise.resolve({
          cluster: 'local',
          kind: 'deployments',
          namespace: 'shop-backend',
          name: 'inventory',
          action: 'scale',
        }),
      },
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('an elevation request with a 2 MB body is refused with 413', async () => {
    const res = await elevationRoute(post(`${origin}/api/elevation`, huge));
    expect(res.status).toBe(413);
  });
});

describe('CSP violation reports', () => {
  const cspReportRoute = async (request: Request) => (await import('@/app/api/csp-report/route')).POST(request);
  async function violations(directive: string): Promise<number> {
    const metric = await metricsRegistry()
      .getSingleMetricAsString('wheelhouse_csp_violations_total')
      .catch(() => '');
    const line = metric
      .split('\n')
      .find((l) => l.startsWith(`wheelhouse_csp_violations_total{directive="${directive}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('counts a report-uri report and a Reporting API report by directive', async () => {
    const before = await violations('script-src-elem');
    const legacy = await cspReportRoute(
      post(
        'http://localhost/api/csp-report',
        JSON.stringify({
          'csp-report': {
            'document-uri': 'http://localhost/c/local/overview',
            'violated-directive': 'script-src-elem',
            'effective-directive': 'script-src-elem',
            'blocked-uri': 'inline',
          },
        }),
        'application/csp-report',
      ),
    );
    expect(legacy.status).toBe(204);
    const modern = await cspReportRoute(
      post(
        'http://localhost/api/csp-report',
        JSON.stringify([
          { type: 'csp-violation', age: 1, url: 'http://localhost/', body: { effectiveDirective: 'script-src-elem' } },
          {
            type: 'csp-violation',
            age: 1,
            url: 'http://localhost/',
            body: { effectiveDirective: 'made-up-directive' },
          },
        ]),
        'application/reports+json',
      ),
    );
    expect(modern.status).toBe(204);
    expect(await violations('script-src-elem')).toBe(before + 2);
    expect(await violations('other')).toBeGreaterThanOrEqual(1);
  });

  it('refuses other content types, non-reports and big bodies', async () => {
    expect((await cspReportRoute(post('http://localhost/api/csp-report', '{}', 'text/plain'))).status).toBe(415);
    expect(
      (await cspReportRoute(post('http://localhost/api/csp-report', '{"a":1}', 'application/csp-report'))).status,
    ).toBe(400);
    const big = JSON.stringify({ 'csp-report': { 'violated-directive': 'img-src', pad: 'x'.repeat(64 * 1024) } });
    expect((await cspReportRoute(post('http://localhost/api/csp-report', big, 'application/csp-report'))).status).toBe(
      413,
    );
  });
});
