import { expect, test } from './fixtures';
import { WorkloadDetailPage } from './pages/workload-detail-page';
import { WorkloadsPage } from './pages/workloads-page';

// The Workloads list and detail against the seeded local cluster (local-cluster/seed/README.md).

const SEEDED = ['shop-frontend', 'shop-backend', 'data-platform', 'observability'];

test.describe('as alice (operators)', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('alice');
  });

  test('lists the seeded Deployments with kubectl columns and status', async ({ page }) => {
    const workloads = new WorkloadsPage(page);
    // Other suites add many objects (bench-* namespaces): look at the seeded team namespaces.
    await workloads.goto(`?kind=deployments&namespace=${SEEDED.join(',')}`);
    await expect(workloads.row('shop-backend', 'payments')).toHaveCount(1);
    expect(await workloads.columnTitles()).toEqual([
      'NAMESPACE',
      'NAME',
      'STATUS',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'IMAGES',
      'AGE',
    ]);
    for (const [ns, name] of [
      ['shop-frontend', 'storefront'],
      ['shop-backend', 'checkout'],
      ['data-platform', 'ingest'],
      ['observability', 'grafana'],
    ] as const) {
      await expect(workloads.row(ns, name), `${ns}/${name}`).toHaveCount(1);
    }
    const payments = workloads.row('shop-backend', 'payments');
    await expect(payments.getByRole('cell').nth(3)).toHaveText('3/3');
    await expect(payments).toContainText('Stuck');
    await expect(payments).toContainText('payments:2.1.0-crashloop');
    await workloads.screenshot('docs/screenshots/workloads.png');
  });

  test("a row's name is a link that opens the detail in the app, and a real anchor", async ({ page }) => {
    const workloads = new WorkloadsPage(page);
    await workloads.goto(`?kind=deployments&namespace=${SEEDED.join(',')}`);
    const link = workloads.row('shop-frontend', 'storefront').getByRole('link', { name: 'storefront', exact: true });
    await expect(link).toHaveAttribute('href', '/c/local/workloads/deployments/shop-frontend/storefront');
    // A marker on window survives a client-side navigation and is gone after a full page load.
    await page.evaluate(() => ((window as unknown as { inApp: boolean }).inApp = true));
    await link.click();
    await expect(page).toHaveURL(/\/c\/local\/workloads\/deployments\/shop-frontend\/storefront$/);
    await expect(page.getByRole('heading', { level: 1, name: 'storefront' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { inApp?: boolean }).inApp)).toBe(true);
  });

  test('filters by namespace and text, and remembers the namespaces', async ({ page }) => {
    const workloads = new WorkloadsPage(page);
    await workloads.goto('?kind=deployments&namespace=data-platform');
    await expect(workloads.row('data-platform', 'ingest')).toHaveCount(1);
    await workloads.toggleNamespaces('shop-backend');
    await expect(page).toHaveURL(/namespace=data-platform%2Cshop-backend|namespace=data-platform,shop-backend/);
    await workloads.toggleNamespaces('data-platform');
    await expect(page).toHaveURL(/namespace=shop-backend(&|$)/);
    await expect(workloads.row('data-platform', 'ingest')).toHaveCount(0);
    await expect(workloads.row('shop-backend', 'checkout')).toHaveCount(1);
    await workloads.filterText('pay');
    await expect(workloads.rows()).toHaveCount(1);
    await expect(workloads.row('shop-backend', 'payments')).toHaveCount(1);
    // Opening the page again without parameters restores the namespace choice.
    await workloads.goto();
    await expect(page).toHaveURL(/namespace=shop-backend/);
    await expect(workloads.row('shop-frontend', 'storefront')).toHaveCount(0);
  });

  test('shows the StatefulSet, DaemonSet, Job and CronJob tabs', async ({ page }) => {
    const workloads = new WorkloadsPage(page);
    await workloads.goto(`?kind=statefulsets&namespace=${SEEDED.join(',')}`);
    await expect(workloads.row('data-platform', 'postgres')).toHaveCount(1);
    await workloads.tab('DaemonSets').click();
    await expect(workloads.row('observability', 'log-shipper')).toHaveCount(1);
    // The local cluster is 1.20: CronJobs are served at batch/v1beta1 only, found by discovery.
    await workloads.tab('CronJobs').click();
    await expect(workloads.row('data-platform', 'nightly-report')).toHaveCount(1);
    await workloads.tab('Jobs').click();
    await expect(workloads.rows().filter({ hasText: 'nightly-report' }).first()).toBeVisible();
  });

  test('the payments detail shows the stuck rollout live', async ({ page }) => {
    const detail = new WorkloadDetailPage(page);
    await detail.goto('deployments', 'shop-backend', 'payments');
    await expect(detail.deadlineExceeded).toContainText('ProgressDeadlineExceeded');
    await expect(detail.count('desired')).toContainText('3');
    await expect(detail.newReplicaSet).toContainText('rev 3');
    await expect(detail.newReplicaSet.getByTestId('rs-ready')).toHaveText('0/1 ready');
    await expect(detail.oldReplicaSets.first().getByTestId('rs-ready')).toHaveText('3/3 ready');
    await expect(detail.budget).toContainText('Surge in use 1 of maxSurge 1');
    await expect(detail.pods.getByText('CrashLoopBackOff')).toBeVisible();
    await expect(detail.related.getByTestId('related-service')).toContainText('payments');
    await expect(detail.related.getByTestId('related-ingress')).toContainText('payments.shop.example.test');
    await expect(detail.yaml).toContainText('progressDeadlineSeconds: 60');
    await expect(detail.yaml).not.toContainText('managedFields');
    await expect(detail.actionsSlot).toHaveCount(1);
    await detail.screenshot('docs/screenshots/workload-detail.png');
  });
});

test.describe('command palette', () => {
  test('jumps to an object by name and to sections with g-shortcuts', async ({ page, signInAs }) => {
    await signInAs('alice');
    const workloads = new WorkloadsPage(page);
    await workloads.goto(`?kind=deployments&namespace=${SEEDED.join(',')}`);
    await expect(workloads.row('shop-backend', 'payments')).toHaveCount(1);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.getByRole('combobox').fill('payments');
    await palette.getByRole('option', { name: /payments\s*Deployment · shop-backend/ }).click();
    await expect(page).toHaveURL(/\/workloads\/deployments\/shop-backend\/payments$/);
    await page.keyboard.press('g');
    await page.keyboard.press('p');
    await expect(page).toHaveURL(/\/c\/local\/pods$/);
  });
});

test.describe('as bob (developers in shop-*)', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('bob');
  });

  test('sees no data-platform objects', async ({ page }) => {
    const workloads = new WorkloadsPage(page);
    // All four team namespaces asked for: bob's answer holds only the two he may read.
    await workloads.goto(`?kind=deployments&namespace=${SEEDED.join(',')}`);
    await expect(workloads.row('shop-backend', 'payments')).toHaveCount(1);
    await expect(workloads.table.getByRole('cell', { name: 'data-platform', exact: true })).toHaveCount(0);
    await expect(workloads.table.getByRole('cell', { name: 'observability', exact: true })).toHaveCount(0);
    const detail = new WorkloadDetailPage(page);
    await detail.goto('deployments', 'data-platform', 'ingest');
    await expect(detail.errors).toContainText('You may not read Deployment data-platform/ingest');
    await expect(detail.yaml).toHaveCount(0);
  });
});
