import { describe, expect, it } from 'vitest';

import type { CertificateRow } from '@/lib/k8s/status/certificate-status';
import { certificateHealth } from '@/server/k8s/certificate-health';
import { cacheFor } from '@/server/k8s/registry';

// The certificates screen's data against the seeded local cluster (local-cluster/seed/README.md,
// "Certificates"): every seeded state, shown from the leaf the Secret holds, never the chain root.

const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };

function row(rows: CertificateRow[], key: string): CertificateRow {
  const r = rows.find((x) => x.key === key);
  expect(r, key).toBeDefined();
  return r as CertificateRow;
}

describe('certificateHealth on the seeded cluster', () => {
  it('shows every seeded certificate state', async () => {
    const cache = cacheFor('local');
    if (!cache) throw new Error('cluster local is not configured');
    const health = await certificateHealth(cache, alice);
    expect(health.certManager).toBe(true);
    expect(health.problems).toEqual([]);
    const { rows } = health;

    const expired = row(rows, 'data-platform/query-api-tls');
    expect(expired.state).toBe('expired');
    expect(expired.daysLeft).toBeLessThan(0);
    expect(expired.ready).toMatchObject({ status: 'False', reason: 'Expired' });

    const expiring = row(rows, 'shop-frontend/api-gateway-tls');
    expect(expiring.state).toBe('critical');
    expect(expiring.daysLeft).toBeGreaterThanOrEqual(0);
    expect(expiring.daysLeft).toBeLessThan(7);
    expect(expiring.ingresses.map((i) => i.hosts).flat()).toContain('api.shop.example.test');

    const failing = row(rows, 'shop-backend/payments-tls');
    expect(failing.state).toBe('failing');
    expect(failing.ready).toMatchObject({ status: 'False', reason: 'DoesNotExist' });
    expect(failing.summary).toContain('Issuing certificate as Secret does not exist');
    expect(failing.issuance.map((s) => [s.kind, s.state])).toEqual([
      ['CertificateRequest', 'Failed'],
      ['Order', 'errored'],
      ['Challenge', 'pending'],
    ]);
    expect(failing.issuance[2]?.reason).toContain('no such host');
    // Failing issuance sorts first.
    expect(rows[0]?.state).toBe('failing');

    const mismatch = row(rows, 'observability/grafana-tls');
    expect(mismatch.warnings.length).toBeGreaterThan(0);
    expect(mismatch.daysLeft).toBeLessThan(30);
    expect(mismatch.statusNotAfter && Date.parse(mismatch.statusNotAfter)).toBeGreaterThan(
      Date.parse(mismatch.notAfter ?? ''),
    );

    const renewing = row(rows, 'shop-backend/checkout-tls');
    expect(renewing.renewing).toMatchObject({ status: 'True', reason: 'Renewing' });
    expect(renewing.state).toBe('warning');
    expect(renewing.issuance.map((s) => s.kind)).toEqual(['CertificateRequest', 'Order', 'Challenge']);

    const healthy = row(rows, 'shop-frontend/storefront-tls');
    expect(healthy.state).toBe('ok');
    expect(healthy.warnings).toEqual([]);
    expect(healthy.ingresses[0]?.hosts).toEqual(['shop.example.test', 'www.shop.example.test']);

    const legacy = row(rows, 'observability/legacy-grafana-tls');
    expect(legacy.source).toBe('secret');
    expect(legacy.state).toBe('warning');
    expect(legacy.ingresses[0]?.hosts).toEqual(['grafana-legacy.example.test']);

    // Leaves, not the ten-year root: no seeded leaf lives longer than 90 days. The CA's own Secret
    // (cert-manager/wheelhouse-demo-ca) is shown as what it is: the 5-year intermediate, marked CA.
    for (const r of rows) {
      if (r.leaf?.isCA) expect(r.key).toBe('cert-manager/wheelhouse-demo-ca');
      else if (r.daysLeft !== undefined) expect(r.daysLeft, r.key).toBeLessThan(100);
    }
    const ca = row(rows, 'cert-manager/wheelhouse-demo-ca');
    expect(ca.leaf?.subject).toContain('Intermediate');
    expect(ca.daysLeft).toBeLessThan(5 * 366);
    // No key or PEM material in what the page receives.
    expect(JSON.stringify(health)).not.toMatch(/BEGIN|PRIVATE KEY|tls\.key/);
  });

  it('shows bob only his team’s namespaces', async () => {
    const cache = cacheFor('local');
    if (!cache) throw new Error('cluster local is not configured');
    const { rows } = await certificateHealth(cache, bob);
    const namespaces = new Set(rows.map((r) => r.namespace));
    expect([...namespaces].sort()).toEqual(['shop-backend', 'shop-frontend']);
  });
});
