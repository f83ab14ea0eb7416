import { LOCAL_USERS, expect, test } from './fixtures';
import { signInWithPassword } from './support/sign-in-http';

// Answers an attacker sees before and around sign-in (issue 11, items 9 and 10), over plain HTTP
// against the production build: what is on the wire, not what a component renders.

const GARBAGE_COOKIE = 'next-auth.session-token=not-a-session';

async function get(baseURL: string | undefined, path: string, cookie?: string): Promise<Response> {
  return fetch(`${baseURL}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
}

test.describe('before sign-in, nothing tells which clusters or objects exist', () => {
  // Pairs of paths that differ only in whether the cluster (or object) exists.
  const pairs: [string, string][] = [
    ['/c/local', '/c/no-such-cluster'],
    ['/c/local/overview', '/c/no-such-cluster/overview'],
    ['/c/local/pods', '/c/no-such-cluster/pods'],
    ['/c/local/workloads', '/c/no-such-cluster/workloads'],
    ['/c/local/events', '/c/no-such-cluster/events'],
    ['/c/local/certificates', '/c/no-such-cluster/certificates'],
    ['/c/local/autoscaling', '/c/no-such-cluster/autoscaling'],
    ['/c/local/activity', '/c/no-such-cluster/activity'],
    ['/c/local/services', '/c/no-such-cluster/services'],
    ['/c/local/no-such-section', '/c/no-such-cluster/no-such-section'],
    ['/c/local/pods/shop-backend/payments-x', '/c/no-such-cluster/pods/shop-backend/payments-x'],
    ['/c/local/pods/shop-backend/NOT_A_NAME', '/c/no-such-cluster/pods/shop-backend/NOT_A_NAME'],
    ['/c/local/workloads/deployments/shop-backend/checkout', '/c/no-such-cluster/workloads/deployments/a/b'],
    ['/c/local/workloads/no-such-kind/shop-backend/x', '/c/no-such-cluster/workloads/no-such-kind/a/b'],
    ['/c/local/autoscaling/shop-backend/x', '/c/no-such-cluster/autoscaling/shop-backend/x'],
  ];

  for (const [known, unknown] of pairs) {
    test(`a garbage cookie gets the same redirect for ${known} and ${unknown}`, async ({ baseURL }) => {
      for (const path of [known, unknown]) {
        const res = await get(baseURL, path, GARBAGE_COOKIE);
        expect(res.status, path).toBe(307);
        expect(new URL(res.headers.get('location') ?? '', baseURL).pathname, path).toBe('/sign-in');
      }
    });
  }

  test('the APIs answer 401 whatever the cluster, kind or object', async ({ baseURL }) => {
    for (const path of [
      '/api/k8s/local/pods',
      '/api/k8s/no-such-cluster/pods',
      '/api/k8s/local/no-such-kind',
      '/api/k8s/local/pods/shop-backend/x',
      '/api/k8s/no-such-cluster/pods/shop-backend/x/log',
      '/api/k8s/local/deployments/shop-backend/checkout/actions',
      '/api/metrics/no-such-cluster/cpu',
      '/api/stream?sub=no-such-cluster:pods',
      '/api/elevation?cluster=no-such-cluster',
      '/api/audit/export?cluster=no-such-cluster',
      '/api/clusters',
    ]) {
      const res = await get(baseURL, path, GARBAGE_COOKIE);
      expect(res.status, path).toBe(401);
    }
  });
});

test.describe('malformed percent-encoding is a 400 with the security headers', () => {
  const paths = [
    '/api/k8s/local/%zz',
    '/api/k8s/local/pods/%E2%82',
    '/api/k8s/%zz/pods',
    '/api/k8s/local/pods/default/%E2%82/log',
    '/api/clusters/%zz',
    '/api/metrics/local/%zz',
    '/c/local/%zz',
    '/c/%E2%82/overview',
    '/c/local/pods/%zz/x',
    '/%zz',
    '/sign-in/%E2%82',
  ];

  for (const cookieFor of ['nobody', 'alice'] as const) {
    test(`malformed paths answer 400 (${cookieFor})`, async ({ baseURL }) => {
      const cookie =
        cookieFor === 'alice' && baseURL
          ? await signInWithPassword(baseURL, 'alice', LOCAL_USERS.alice.password)
          : undefined;
      for (const path of paths) {
        const res = await get(baseURL, path, cookie);
        expect(res.status, path).toBe(400);
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-frame-options'), path).toBe('DENY');
        expect(res.headers.get('cache-control'), path).toContain('no-store');
        const body = await res.text();
        expect(body, path).not.toMatch(/URIError|at decodeURIComponent|node_modules/);
      }
    });
  }

  test('a well-formed encoded path still works', async ({ baseURL }) => {
    const cookie = await signInWithPassword(baseURL ?? '', 'alice', LOCAL_USERS.alice.password);
    const res = await get(baseURL, '/api/k8s/local/pods?namespace=shop-backend&q=%E2%82%AC', cookie);
    expect(res.status).toBe(200);
    // …and still skips the proxy (ADR 0009): the handler's own API header set, not a page CSP with a nonce.
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

test.describe('CSP violations are reported to a counting endpoint', () => {
  test('pages ask for reports, and the endpoint takes them without a session', async ({ baseURL }) => {
    const page = await get(baseURL, '/sign-in');
    expect(page.headers.get('content-security-policy')).toContain('report-uri /api/csp-report');
    expect(page.headers.get('content-security-policy')).toContain('report-to csp-endpoint');
    expect(page.headers.get('reporting-endpoints')).toBe('csp-endpoint="/api/csp-report"');

    const report = await fetch(`${baseURL}/api/csp-report`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/csp-report' },
      body: JSON.stringify({ 'csp-report': { 'violated-directive': 'script-src-elem', 'blocked-uri': 'inline' } }),
    });
    expect(report.status).toBe(204);
    const big = await fetch(`${baseURL}/api/csp-report`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/reports+json' },
      body: 'x'.repeat(100_000),
    });
    expect(big.status).toBe(413);
  });
});
