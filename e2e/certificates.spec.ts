import { expect, test } from './fixtures';
import { CertificatesPage } from './pages/certificates-page';

// Every seeded certificate state (local-cluster/seed/README.md, "Certificates"), read from the leaf
// each Secret serves.

test.beforeEach(async ({ signInAs }) => {
  await signInAs('alice');
});

test('the certificates screen shows every seeded state, most urgent first', async ({ page }) => {
  const certs = new CertificatesPage(page);
  await certs.goto();

  const states: Record<string, string> = {
    'shop-backend/payments-tls': 'failing',
    'data-platform/query-api-tls': 'expired',
    'shop-frontend/api-gateway-tls': 'critical',
    'shop-backend/checkout-tls': 'warning',
    'observability/grafana-tls': 'warning',
    'observability/legacy-grafana-tls': 'warning',
    'shop-frontend/storefront-tls': 'ok',
  };
  for (const [key, state] of Object.entries(states)) {
    await expect(certs.row(key), key).toHaveAttribute('data-state', state);
  }
  const keys = await certs.keys();
  expect(keys[0]).toBe('shop-backend/payments-tls');
  expect(keys.indexOf('data-platform/query-api-tls')).toBeLessThan(keys.indexOf('shop-frontend/api-gateway-tls'));
  expect(keys.indexOf('shop-frontend/api-gateway-tls')).toBeLessThan(keys.indexOf('shop-frontend/storefront-tls'));

  await expect(certs.row('shop-backend/payments-tls')).toContainText('Issuing certificate as Secret does not exist');
  await expect(certs.details('shop-backend/payments-tls')).toContainText('errored');
  await expect(certs.details('shop-backend/payments-tls')).toContainText('no such host');
  await expect(certs.row('data-platform/query-api-tls')).toContainText('Expired');
  await expect(certs.details('observability/grafana-tls').getByTestId('certificate-warning')).toContainText(
    'does not hold the certificate cert-manager last issued',
  );
  await expect(certs.row('shop-backend/checkout-tls')).toContainText('Renewing');
  await expect(certs.row('observability/legacy-grafana-tls')).toContainText('TLS Secret only');
  await expect(certs.row('observability/legacy-grafana-tls')).toContainText('grafana-legacy.example.test');
  await expect(certs.row('shop-frontend/storefront-tls')).toContainText('www.shop.example.test');
  // No PEM or key material reaches the page.
  expect(await page.content()).not.toMatch(/BEGIN CERTIFICATE|PRIVATE KEY/);

  await page.screenshot({ path: 'docs/screenshots/certificates.png', fullPage: true });
});

test('bob sees only his team’s certificates', async ({ page, signInAs }) => {
  await signInAs('bob');
  const certs = new CertificatesPage(page);
  await certs.goto();
  await expect(certs.row('shop-backend/payments-tls')).toBeVisible();
  const namespaces = new Set((await certs.keys()).map((k) => k.split('/')[0]));
  expect([...namespaces].sort()).toEqual(['shop-backend', 'shop-frontend']);
});
