import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { Locator, Page, Response } from '@playwright/test';

import { clusterPaths } from '../local-cluster/paths';
import { SECRET_MARKER } from '../local-cluster/seed/config';
import { expect, test } from './fixtures';

// ConfigMaps, Secrets and Helm releases as people read them (local-cluster/seed/config.ts): alice sees
// a ConfigMap's keys, sizes and (on request) values and who reads it; a Secret's type, keys and sizes
// and never a value — not on the page, not in its YAML, not in any answer the page fetched; Helm
// releases with their history, the failed revision included, and none of their values. bob (team
// shop) sees ConfigMaps in shop-* only and is told plainly that he may not list Secrets.

const NS = 'shop-frontend';
const LIVE = { configMap: 'e2e-live-settings', secret: 'e2e-live-secret' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

function core() {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  kc.setCurrentContext('admin');
  return kc.makeApiClient(CoreV1Api);
}

async function removeLiveObjects(): Promise<void> {
  await core()
    .deleteNamespacedConfigMap({ namespace: NS, name: LIVE.configMap })
    .catch(() => undefined);
  await core()
    .deleteNamespacedSecret({ namespace: NS, name: LIVE.secret })
    .catch(() => undefined);
}

test.beforeAll(removeLiveObjects);
test.afterAll(removeLiveObjects);

/**
 * Every same-origin answer the page receives (API JSON, RSC payloads, HTML), to search for values.
 * Event streams are skipped: they never end; Secrets and Helm releases have no stream feed at all.
 */
function recordAnswers(page: Page): { bodies: Promise<string>[]; urls: string[] } {
  const seen = { bodies: [] as Promise<string>[], urls: [] as string[] };
  page.on('response', (res: Response) => {
    const type = res.headers()['content-type'] ?? '';
    if (type.includes('text/event-stream')) return;
    if (!['document', 'fetch', 'xhr'].includes(res.request().resourceType())) return;
    seen.urls.push(res.url());
    seen.bodies.push(res.text().catch(() => ''));
  });
  return seen;
}

async function expectNoValue(page: Page, seen: { bodies: Promise<string>[]; urls: string[] }): Promise<void> {
  const html = await page.content();
  expect(html).not.toContain(SECRET_MARKER);
  expect(html).not.toContain(b64(SECRET_MARKER));
  const bodies = await Promise.all(seen.bodies);
  expect(seen.urls.some((u) => u.includes('/api/k8s/local/'))).toBe(true);
  bodies.forEach((body, i) => {
    expect(body, seen.urls[i]).not.toContain(SECRET_MARKER);
    expect(body, seen.urls[i]).not.toContain(b64(SECRET_MARKER));
  });
}

const table = (page: Page) => page.getByTestId('resource-table');
function row(page: Page, namespace: string, name: string): Locator {
  return table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .filter({ hasText: namespace });
}
const fact = (page: Page, label: string) => page.locator(`[data-fact="${label}"]`);

test.describe('as an operator', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('alice');
  });

  test('ConfigMaps: DATA, keys and sizes, values on request, and who reads it', async ({ page }) => {
    await page.goto('/c/local/configmaps');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ConfigMaps');
    await expect(row(page, NS, 'storefront-settings')).toContainText('4');
    await expect(row(page, 'data-platform', 'query-api-settings')).toBeVisible();

    await row(page, NS, 'storefront-settings').getByRole('link', { name: 'storefront-settings' }).click();
    await expect(page).toHaveURL(/\/c\/local\/configmaps\/shop-frontend\/storefront-settings$/);
    const keys = page.getByTestId('detail-table-keys');
    await expect(keys.getByRole('row').filter({ hasText: 'CURRENCY' })).toContainText('3 B');
    await expect(keys.getByRole('row').filter({ hasText: 'favicon.ico' })).toContainText('binaryData');
    await expect(fact(page, 'Keys')).toContainText('4');

    const values = page.getByTestId('configmap-values');
    await expect(values).toContainText('3 values hidden');
    await expect(values).not.toContainText('listen 8080');
    await values.getByRole('button', { name: 'Show values' }).click();
    await expect(values.getByTestId('configmap-value').filter({ hasText: 'CURRENCY' })).toContainText('EUR');
    await expect(values).toContainText('listen 8080');

    const users = page.getByTestId('config-users');
    const reader = users.getByTestId('config-user').filter({ hasText: 'Deployment' });
    await expect(reader).toContainText('config-reader');
    await expect(reader).toContainText('env CURRENCY (app)');
    await expect(reader).toContainText('volume');
  });

  test('Secrets: type, keys and sizes, and no value anywhere on the page, its YAML or its answers', async ({
    page,
  }) => {
    const seen = recordAnswers(page);
    await page.goto(`/c/local/secrets?namespace=${NS}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secrets');
    const db = row(page, NS, 'storefront-db');
    await expect(db).toContainText('Opaque');
    await expect(db).toContainText('3');
    await expect(row(page, NS, 'sh.helm.release.v1.storefront-cache.v3')).toContainText('helm.sh/release.v1');

    await db.getByRole('link', { name: 'storefront-db' }).click();
    await expect(page).toHaveURL(/\/c\/local\/secrets\/shop-frontend\/storefront-db$/);
    await expect(fact(page, 'Type')).toContainText('Opaque');
    const keys = page.getByTestId('detail-table-keys');
    await expect(keys.getByRole('row').filter({ hasText: 'DB_PASSWORD' })).toContainText(
      `${`${SECRET_MARKER}-db-password`.length} B`,
    );
    await expect(keys.getByRole('row').filter({ hasText: 'DB_USER' })).toContainText('10 B');
    await expect(page.getByTestId('secret-values-note')).toContainText('Values are never shown');
    const user = page.getByTestId('config-users').getByTestId('config-user').filter({ hasText: 'Deployment' });
    await expect(user).toContainText('env DB_PASSWORD (app), volume');
    const yaml = page.getByTestId('yaml-view');
    await expect(yaml).toContainText('dataBytes');
    await expect(yaml).not.toContainText('last-applied-configuration');
    await page.screenshot({ path: 'docs/screenshots/secret.png', fullPage: true });
    await expectNoValue(page, seen);
  });

  test('Helm releases: chart, status and the history with its failed revision; no values', async ({ page }) => {
    const seen = recordAnswers(page);
    await page.goto('/c/local/helm-releases');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Helm releases');
    const cache = row(page, NS, 'storefront-cache');
    await expect(cache).toContainText('deployed');
    await expect(cache).toContainText('redis-17.4.0');
    await expect(cache).toContainText('7.0.7');
    await expect(row(page, 'shop-backend', 'payments-worker')).toContainText('payments-worker-0.5.1');

    await page.goto('/c/local/helm-releases/shop-backend/payments-worker');
    await expect(fact(page, 'Status')).toContainText('deployed');
    await expect(fact(page, 'Revision')).toContainText('3');
    const history = page.getByTestId('detail-table-history').getByRole('row');
    await expect(history).toHaveCount(4); // header + 3 revisions
    await expect(history.nth(1)).toContainText('deployed');
    await expect(history.nth(2)).toContainText('failed');
    await expect(history.nth(2)).toContainText('timed out waiting for the condition');
    await expect(history.nth(3)).toContainText('superseded');
    await expect(history.nth(3)).toContainText('payments-worker-0.4.0');
    await page.screenshot({ path: 'docs/screenshots/helm-release.png', fullPage: true });
    await expectNoValue(page, seen);
  });

  test('a new ConfigMap appears live; a new Secret appears on the next read, without a reload', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/c/local/configmaps?namespace=${NS}`);
    await expect(row(page, NS, 'storefront-settings')).toBeVisible();
    await core().createNamespacedConfigMap({
      namespace: NS,
      body: { metadata: { name: LIVE.configMap }, data: { a: '1', b: '2' } },
    });
    await expect(row(page, NS, LIVE.configMap)).toContainText('2', { timeout: 15_000 });

    await page.goto(`/c/local/secrets?namespace=${NS}`);
    await expect(row(page, NS, 'storefront-db')).toBeVisible();
    await core().createNamespacedSecret({
      namespace: NS,
      body: { metadata: { name: LIVE.secret }, type: 'Opaque', data: { token: b64(`${SECRET_MARKER}-live`) } },
    });
    await expect(row(page, NS, LIVE.secret)).toBeVisible({ timeout: 45_000 });
    await expect(page.locator('body')).not.toContainText(SECRET_MARKER);
  });
});

test.describe('as a developer on team shop', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('bob');
  });

  test('sees ConfigMaps in shop-* only', async ({ page }) => {
    await page.goto('/c/local/configmaps');
    await expect(row(page, NS, 'storefront-settings')).toBeVisible();
    await expect(table(page).getByText('data-platform')).toHaveCount(0);
    await expect(table(page).getByRole('link', { name: 'query-api-settings' })).toHaveCount(0);
    await page.goto('/c/local/configmaps/data-platform/query-api-settings');
    await expect(page.getByTestId('error-panel')).toContainText('You may not read');
    await expect(page.locator('body')).not.toContainText('TIMEOUT_SECONDS');
  });

  test('is told he may not list Secrets or Helm releases, and sees none', async ({ page }) => {
    const seen = recordAnswers(page);
    await page.goto('/c/local/secrets');
    await expect(page.getByTestId('error-panel')).toContainText('You may not list Secrets');
    await expect(page.getByRole('link', { name: 'storefront-db' })).toHaveCount(0);
    await page.goto('/c/local/helm-releases');
    await expect(page.getByTestId('error-panel')).toContainText('so Helm releases are not shown');
    await expect(page.getByRole('link', { name: 'storefront-cache' })).toHaveCount(0);
    await page.goto('/c/local/secrets/shop-frontend/storefront-db');
    await expect(page.getByTestId('error-panel')).toContainText('You may not list Secrets');
    await expect(page.locator('body')).not.toContainText('DB_PASSWORD');
    await expectNoValue(page, seen);
  });
});
