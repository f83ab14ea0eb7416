import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { Locator, Page } from '@playwright/test';

import { clusterPaths } from '../local-cluster/paths';
import { mergePatch } from '../local-cluster/test/kube';
import { INGRESSES } from '../local-cluster/seed/networking';
import { expect, test } from './fixtures';

// The network group as people read it (local-cluster/seed/networking.ts, network-policies.ts): a
// Service's facts, ports and the pods behind each port, ready or not, as its Endpoints say; an
// Ingress's host → path → Service → certificate state; NetworkPolicies in words; a Service changed
// by someone else updates on the open page. bob (team shop) sees shop-* objects only.

const LIVE = { namespace: 'shop-backend', name: 'e2e-live-service' };

function core() {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  kc.setCurrentContext('admin');
  return kc.makeApiClient(CoreV1Api);
}

async function removeLive(): Promise<void> {
  await core()
    .deleteNamespacedService({ namespace: LIVE.namespace, name: LIVE.name })
    .catch(() => undefined);
}

test.beforeAll(removeLive);
test.afterAll(removeLive);

/** Pod names behind a Service, ready and not ready, as its Endpoints object says now. */
async function endpointPods(namespace: string, name: string): Promise<{ ready: string[]; notReady: string[] }> {
  const ep = await core().readNamespacedEndpoints({ namespace, name });
  const pods = (list: { targetRef?: { name?: string } }[] | undefined) =>
    (list ?? []).map((a) => a.targetRef?.name ?? '').filter(Boolean);
  return {
    ready: (ep.subsets ?? []).flatMap((s) => pods(s.addresses)),
    notReady: (ep.subsets ?? []).flatMap((s) => pods(s.notReadyAddresses)),
  };
}

const fact = (page: Page, label: string) => page.locator(`[data-fact="${label}"]`);
const tableRow = (page: Page, namespace: string, name: string): Locator =>
  page
    .getByTestId('resource-table')
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .filter({ hasText: namespace });

test.describe('as an operator', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('alice');
  });

  test('Services from the sidebar: facts, ports, and the ready and not-ready pods per port', async ({ page }) => {
    await page.goto('/c/local/overview');
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Services', exact: true })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Services');
    await expect(tableRow(page, 'data-platform', 'postgres')).toContainText('None');
    await tableRow(page, 'shop-backend', 'payments').getByRole('link', { name: 'payments', exact: true }).click();
    await expect(page).toHaveURL('/c/local/services/shop-backend/payments');

    await expect(fact(page, 'Type')).toContainText('ClusterIP');
    await expect(fact(page, 'Cluster IP')).toContainText(/^Cluster IP10\.96\./);
    await expect(fact(page, 'Selector')).toContainText('app=payments');
    await expect(fact(page, 'Session affinity')).toContainText('None');
    const ports = page.getByTestId('detail-table-ports');
    await expect(ports.getByRole('row').nth(1)).toHaveText(/http\s*80\s*8080\s*TCP/);

    // The payments rollout is stuck: its crash-looping pod is not ready, the old ones take traffic.
    const { ready, notReady } = await endpointPods('shop-backend', 'payments');
    expect(ready.length).toBeGreaterThan(0);
    expect(notReady.length).toBeGreaterThan(0);
    const endpoints = page.getByTestId('service-endpoints').locator('[data-port="http 80/TCP"]');
    const [readyCell, notReadyCell] = [endpoints.locator('td').nth(1), endpoints.locator('td').nth(2)];
    for (const pod of ready) await expect(readyCell.getByRole('link', { name: pod })).toBeVisible();
    for (const pod of notReady) await expect(notReadyCell.getByRole('link', { name: pod })).toBeVisible();
    await expect(page.getByTestId('section-endpoints')).toContainText(
      `${ready.length} ready, ${notReady.length} not ready`,
    );
    await expect(page.getByTestId('related-pods')).toContainText(`Pods it selects (${ready.length + notReady.length})`);
    await page.screenshot({ path: 'docs/screenshots/service.png', fullPage: true });

    await readyCell.getByRole('link', { name: ready[0] }).click();
    await expect(page).toHaveURL(`/c/local/pods/shop-backend/${ready[0]}`);
  });

  test('a headless Service says so', async ({ page }) => {
    await page.goto('/c/local/services/data-platform/postgres');
    await expect(fact(page, 'Cluster IP')).toContainText('None (headless)');
    await expect(page.getByTestId('service-endpoints')).toContainText('postgres-');
  });

  test('a Service changed elsewhere updates on the open page: selector, facts and endpoints', async ({ page }) => {
    await core().createNamespacedService({
      namespace: LIVE.namespace,
      body: {
        metadata: { name: LIVE.name },
        spec: { selector: { app: 'checkout' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
      },
    });
    await page.goto(`/c/local/services/${LIVE.namespace}/${LIVE.name}`);
    await expect(fact(page, 'Selector')).toContainText('app=checkout');
    const endpoints = page.getByTestId('service-endpoints');
    await expect(endpoints.getByRole('link', { name: /^checkout-/ }).first()).toBeVisible();

    await core().patchNamespacedService(
      { namespace: LIVE.namespace, name: LIVE.name, body: { spec: { selector: { app: 'inventory' } } } },
      mergePatch,
    );
    await expect(fact(page, 'Selector')).toContainText('app=inventory');
    await expect(endpoints.getByRole('link', { name: /^inventory-/ }).first()).toBeVisible({ timeout: 20_000 });
    await expect(endpoints.getByRole('link', { name: /^checkout-/ })).toHaveCount(0);
  });

  test('an Ingress: host → path → Service → certificate state', async ({ page }) => {
    const storefront = INGRESSES.find((i) => i.name === 'storefront');
    if (!storefront) throw new Error('seed has no storefront Ingress');
    await page.goto(`/c/local/ingresses/${storefront.namespace}/${storefront.name}`);
    await expect(fact(page, 'Class')).toContainText('nginx');
    await expect(fact(page, 'TLS')).toContainText('1 certificate');
    const routes = page.getByTestId('ingress-routes');
    const first = routes.locator(`[data-host="${storefront.hosts[0]}"]`);
    await expect(first).toContainText('/');
    await expect(first).toContainText('Prefix');
    await expect(first.getByRole('link', { name: `${storefront.service}:80` })).toBeVisible();
    await expect(routes.getByText('Service missing')).toHaveCount(0);
    const tls = page.getByTestId('ingress-tls').locator(`[data-secret="${storefront.tlsSecret}"]`);
    await expect(tls).toContainText('Valid');
    await expect(tls).toContainText(/Expires in \d+ days/);
    await expect(tls).toContainText(storefront.hosts[1] ?? '');
    await page.screenshot({ path: 'docs/screenshots/ingress.png', fullPage: true });

    await first.getByRole('link', { name: `${storefront.service}:80` }).click();
    await expect(page).toHaveURL(`/c/local/services/${storefront.namespace}/${storefront.service}`);

    // payments-tls was never issued (the seed's failing Certificate).
    await page.goto('/c/local/ingresses/shop-backend/payments');
    const failing = page.getByTestId('ingress-tls').locator('[data-secret="payments-tls"]');
    await expect(failing).toContainText('Failing');
    await expect(failing).toContainText('Not issued');
  });

  test('NetworkPolicies: the pods they select and their rules in words', async ({ page }) => {
    await page.goto('/c/local/networkpolicies');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('NetworkPolicies');
    await expect(tableRow(page, 'shop-backend', 'default-deny')).toContainText('Ingress, Egress');
    await expect(tableRow(page, 'data-platform', 'postgres-clients')).toContainText('app=postgres');

    await page.goto('/c/local/networkpolicies/shop-backend/default-deny');
    await expect(fact(page, 'Applies to')).toContainText('All pods in namespace shop-backend');
    await expect(page.getByTestId('detail-table-ingress-rules')).toContainText('Denies all ingress');
    await expect(page.getByTestId('detail-table-egress-rules')).toContainText('Denies all egress');
    await expect(
      page
        .getByTestId('related-pods')
        .getByRole('link', { name: /^payments-/ })
        .first(),
    ).toBeVisible();

    await page.goto('/c/local/networkpolicies/shop-backend/allow-web-to-checkout');
    await expect(page.getByTestId('detail-table-ingress-rules')).toContainText(
      'Allows ingress on TCP 8080 from pods app=web-gateway in namespaces wheelhouse.dev/team=shop',
    );
    await expect(page.getByTestId('section-egress-rules')).toContainText('Not restricted');
    const selected = page.getByTestId('related-pods');
    await expect(selected.getByRole('link', { name: /^checkout-/ }).first()).toBeVisible();
    await expect(selected.getByRole('link', { name: /^payments-/ })).toHaveCount(0);
    await page.screenshot({ path: 'docs/screenshots/networkpolicy.png', fullPage: true });
  });
});

test.describe('as a developer on team shop', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('bob');
  });

  test('bob sees only shop-* Services, Endpoints, Ingresses and NetworkPolicies', async ({ page }) => {
    for (const kind of ['services', 'endpoints', 'ingresses', 'networkpolicies']) {
      const res = await page.request.get(`/api/k8s/local/${kind}?limit=500`);
      expect(res.status(), kind).toBe(200);
      const body = (await res.json()) as { items: { namespace?: string }[] };
      expect(body.items.length, kind).toBeGreaterThan(0);
      for (const item of body.items) expect(item.namespace, kind).toMatch(/^shop-/);
    }
    const refused = await page.request.get('/api/k8s/local/networkpolicies/data-platform/postgres-clients');
    expect(refused.status()).toBe(403);

    await page.goto('/c/local/networkpolicies');
    await expect(tableRow(page, 'shop-backend', 'default-deny')).toBeVisible();
    await expect(page.getByTestId('resource-table').getByText('postgres-clients')).toHaveCount(0);
  });

  test('bob’s Ingress shows the certificate state from cert-manager without reading the Secret', async ({ page }) => {
    // bob may not read Secrets: the expiry comes from the Certificate's status, as on the certificates screen.
    expect((await page.request.get('/api/k8s/local/tls-secrets/shop-frontend/storefront-tls')).status()).toBe(403);
    await page.goto('/c/local/ingresses/shop-frontend/storefront');
    const tls = page.getByTestId('ingress-tls').locator('[data-secret="storefront-tls"]');
    await expect(tls).toContainText('Valid');
    await expect(tls).toContainText(/Expires in \d+ days/);
    await expect(page.getByTestId('ingress-routes').getByRole('link', { name: 'storefront:80' }).first()).toBeVisible();
  });
});
