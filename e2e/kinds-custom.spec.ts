import { clients } from '../local-cluster/test/kube';
import { expect, test } from './fixtures';

// Custom resources from discovery (ADR 0020), against the seeded Backups (local-cluster/seed/custom.ts):
// no code knows the kind; its list shows the CRD's printer columns, its detail the conditions. They are
// read as the person: bob (view in shop-*) sees shop-backend's Backups only. Live: a Backup made with
// the API appears in the open list.

const admin = clients('admin');
const group = 'demo.wheelhouse.dev';
const LIST = '/c/local/backups.demo.wheelhouse.dev';

test.describe('as alice (operator)', () => {
  test.beforeEach(async ({ signInAs }) => signInAs('alice'));

  test('finds Backups under Custom resources, with the printer columns and their values', async ({ page }) => {
    await page.goto('/c/local/overview');
    const custom = page.getByRole('group', { name: 'Custom resources' });
    await custom.getByRole('link', { name: 'Backups', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${LIST}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Backups');
    const table = page.getByTestId('resource-table');
    const headers = table.getByRole('columnheader');
    await expect(headers).toHaveText([/Namespace/i, /Name/i, /Schedule/i, /Last Backup/i, /Status/i, /Age/i]);
    // priority 1 (Message) is kubectl's -o wide: not a list column.
    await expect(table.getByRole('columnheader', { name: /Message/i })).toHaveCount(0);
    const failing = table.getByRole('row').filter({ hasText: 'payments-db-hourly' });
    await expect(failing).toContainText('shop-backend');
    await expect(failing).toContainText('0 * * * *');
    await expect(failing).toContainText('False');
    const ok = table.getByRole('row').filter({ hasText: 'warehouse-weekly' });
    await expect(ok).toContainText('data-platform');
    await expect(ok).toContainText('0 3 * * 0');
    await expect(ok).toContainText('True');
    await page.screenshot({ path: 'docs/screenshots/custom-resource-list.png', fullPage: true });
  });

  test('opens a failing Backup: its columns as facts, its Ready=False condition, its YAML', async ({ page }) => {
    await page.goto(LIST);
    await page.getByTestId('resource-table').getByRole('link', { name: 'payments-db-hourly' }).click();
    await expect(page).toHaveURL(new RegExp(`${LIST}/shop-backend/payments-db-hourly$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('payments-db-hourly');
    const facts = page.getByTestId('detail-facts');
    await expect(facts.locator('[data-fact="API version"]')).toContainText('demo.wheelhouse.dev/v1alpha1');
    await expect(facts.locator('[data-fact="Status"]')).toContainText('False');
    await expect(facts.locator('[data-fact="Message"]')).toContainText('VolumeSnapshotClass "csi-snapclass" not found');
    const ready = page.getByTestId('conditions').getByRole('row').filter({ hasText: 'Ready' });
    await expect(ready).toContainText('False');
    await expect(ready).toContainText('SnapshotFailed');
    await expect(page.getByText('kind: Backup')).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/custom-resource.png', fullPage: true });
  });

  test('a Backup created with the API appears in the open list (live)', async ({ page }) => {
    const name = `e2e-live-${Date.now().toString(36)}`;
    await page.goto(`${LIST}?namespace=shop-backend`);
    const table = page.getByTestId('resource-table');
    await expect(table.getByRole('row').filter({ hasText: 'orders-db-nightly' })).toBeVisible();
    await admin.custom.createNamespacedCustomObject({
      group,
      version: 'v1alpha1',
      plural: 'backups',
      namespace: 'shop-backend',
      body: { apiVersion: `${group}/v1alpha1`, kind: 'Backup', metadata: { name }, spec: { schedule: '@weekly' } },
    });
    try {
      await expect(table.getByRole('row').filter({ hasText: name })).toContainText('@weekly', { timeout: 30_000 });
    } finally {
      await admin.custom.deleteNamespacedCustomObject({
        group,
        version: 'v1alpha1',
        plural: 'backups',
        namespace: 'shop-backend',
        name,
      });
    }
  });
});

test.describe('as bob (developer, view in shop-*)', () => {
  test.beforeEach(async ({ signInAs }) => signInAs('bob'));

  test("sees shop-backend's Backups only", async ({ page }) => {
    await page.goto('/c/local/overview');
    await page.getByRole('group', { name: 'Custom resources' }).getByRole('link', { name: 'Backups' }).click();
    const table = page.getByTestId('resource-table');
    await expect(table.getByRole('row').filter({ hasText: 'payments-db-hourly' })).toContainText('False');
    await expect(table.getByRole('row').filter({ hasText: 'orders-db-nightly' })).toBeVisible();
    await expect(table).not.toContainText('warehouse-weekly');
    await expect(table).not.toContainText('data-platform');
    const api = await page.request.get('/api/k8s/local/backups.demo.wheelhouse.dev?limit=100');
    expect(api.ok()).toBe(true);
    const names = ((await api.json()) as { items: { namespace: string }[] }).items.map((i) => i.namespace);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((ns) => ns.startsWith('shop-'))).toBe(true);
  });

  test('is refused the data-platform Backup, in words', async ({ page }) => {
    await page.goto(`${LIST}/data-platform/warehouse-weekly`);
    await expect(page.getByTestId('error-panel')).toContainText(
      'You may not read Backup data-platform/warehouse-weekly',
    );
    await expect(page.getByTestId('detail-facts')).toHaveCount(0);
    const api = await page.request.get('/api/k8s/local/backups.demo.wheelhouse.dev/data-platform/warehouse-weekly');
    expect(api.status()).toBe(403);
  });

  test('is told, in words, when a CRD exists that he may not list; _kinds offers only what he may', async ({
    page,
  }) => {
    const kinds = await page.request.get('/api/k8s/local/_kinds');
    expect(kinds.ok()).toBe(true);
    const ids = ((await kinds.json()) as { kinds: { id: string }[] }).kinds.map((k) => k.id);
    expect(ids).toContain('backups.demo.wheelhouse.dev');
    expect(ids).not.toContain('clusterissuers.cert-manager.io');
    await page.goto('/c/local/clusterissuers.cert-manager.io');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ClusterIssuers');
    await expect(page.getByTestId('error-panel')).toContainText('You may not list ClusterIssuers');
    await expect(page.getByTestId('resource-table')).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Custom resources' })).not.toContainText('ClusterIssuers');
  });
});

test('a CRD the registry describes opens its built-in page; an unknown one is a 404', async ({ page, signInAs }) => {
  await signInAs('alice');
  await page.goto('/c/local/certificates.cert-manager.io');
  await expect(page).toHaveURL(/\/c\/local\/certificates$/);
  const missing = await page.goto('/c/local/nothings.example.com');
  expect(missing?.status()).toBe(404);
});
