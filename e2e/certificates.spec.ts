import { randomUUID } from 'node:crypto';

import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

import { clusterPaths } from '../local-cluster/paths';
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

// Issue 11, item 7, and ADR 0013: TLS Secrets are read as the person. bob may read Certificates and
// Ingresses in his namespaces but not Secrets, so no API or page gives him a TLS Secret's labels,
// annotations or uid — his certificates come from what cert-manager's Certificates say.
const SECRET_METADATA = /controller\.cert-manager\.io\/fao|wheelhouse\.dev\/seed-spec|cert-manager\.io\/issuer-name/;

test('bob receives no TLS Secret metadata from any API or page', async ({ page, signInAs }) => {
  await signInAs('bob');
  const list = await page.request.get('/api/k8s/local/tls-secrets?namespace=shop-frontend&limit=1000');
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { items: unknown[] };
  expect(body.items).toEqual([]);
  const one = await page.request.get('/api/k8s/local/tls-secrets/shop-frontend/storefront-tls');
  expect(one.status()).toBe(403);
  expect(await one.text()).not.toMatch(SECRET_METADATA);

  const certs = new CertificatesPage(page);
  await certs.goto();
  await expect(certs.row('shop-frontend/storefront-tls')).toHaveAttribute('data-state', 'ok');
  expect(await page.content()).not.toMatch(SECRET_METADATA);
});

test('alice, who may list Secrets, gets TLS Secret facts from the list API, read as herself', async ({ page }) => {
  const list = await page.request.get('/api/k8s/local/tls-secrets?namespace=shop-frontend&limit=1000');
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { items: { name: string; certificate?: { dnsNames: string[] } }[] };
  expect(body.items.find((s) => s.name === 'storefront-tls')?.certificate?.dnsNames).toContain('shop.example.test');
  expect(JSON.stringify(body)).not.toMatch(/BEGIN|PRIVATE KEY|tls\.key/);
});

// ADR 0018: the screen is prefetched on the server and then live: a Certificate an admin creates
// and deletes with kubectl appears and goes on the open page, without a reload.
test('a Certificate created and deleted with kubectl shows on the open screen', async ({ page }) => {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  kc.setCurrentContext('admin');
  const api = kc.makeApiClient(CustomObjectsApi);
  const name = `e2e-live-${randomUUID().slice(0, 8)}`;
  const target = { group: 'cert-manager.io', version: 'v1', namespace: 'shop-frontend', plural: 'certificates' };
  const certs = new CertificatesPage(page);
  await certs.goto();
  await expect(certs.row('shop-frontend/storefront-tls')).toBeVisible();
  await expect(certs.row(`shop-frontend/${name}`)).toHaveCount(0);
  try {
    await api.createNamespacedCustomObject({
      ...target,
      body: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name, namespace: 'shop-frontend' },
        spec: {
          secretName: `${name}-tls`,
          dnsNames: [`${name}.shop.example.test`],
          issuerRef: { name: 'wheelhouse-demo-ca', kind: 'ClusterIssuer' },
        },
      },
    });
    await expect(certs.row(`shop-frontend/${name}`)).toBeVisible();
  } finally {
    await api.deleteNamespacedCustomObject({ ...target, name }).catch(() => undefined);
  }
  await expect(certs.row(`shop-frontend/${name}`)).toHaveCount(0);
});
