import { expect, test } from './fixtures';
import { WorkloadMetricsPanel } from './pages/workload-metrics-panel';

// An operator reads a workload's charts and its rollout timeline (needs the server started with
// WHEELHOUSE_PROMETHEUS_URL, as the demo and test.sh do).

test.beforeEach(async ({ signInAs }) => {
  await signInAs('alice');
});

test('an operator reads a workload’s charts and the rollout timeline', async ({ page }) => {
  const metrics = new WorkloadMetricsPanel(page);
  await metrics.goto('deployments', 'shop-frontend', 'storefront');

  await expect(metrics.charts).toHaveCount(3);
  await expect(metrics.chart('CPU (cores)')).toContainText('Requests');
  await expect(metrics.chart('CPU (cores)')).toContainText('Limits');
  await expect(metrics.plots).toHaveCount(3);
  await expect(metrics.unavailable).toHaveCount(0);
  // Every revision in the history (the seed's 1.4.0, 1.4.1, 1.4.2, more after a rollback) is listed.
  await expect(metrics.revisionMarkers.first()).toContainText(/rev \d+/);
  expect(await metrics.revisionMarkers.count()).toBeGreaterThanOrEqual(3);

  // Over 6 h the seed's rollouts are inside the range: each of the three charts marks them.
  await metrics.pickRange('6 h');
  await expect(metrics.revisionMarkers.filter({ hasText: 'before this range' })).toHaveCount(0);
  await expect(metrics.markerLabels().first()).toBeVisible();
  expect(await metrics.markerLabels().count()).toBeGreaterThanOrEqual(3);

  // The panel sits at the end of a long detail page: picture the panel itself.
  await metrics.panel.screenshot({ path: 'docs/screenshots/workload-metrics.png' });
});

test('bob cannot read metrics of a namespace he may not read', async ({ page, signInAs }) => {
  await signInAs('bob');
  const denied = await page.request.get(
    '/api/metrics/local/cpu?kind=deployment&namespace=data-platform&name=query-api',
  );
  expect(denied.status()).toBe(403);
  const allowed = await page.request.get(
    '/api/metrics/local/cpu?kind=deployment&namespace=shop-frontend&name=storefront',
  );
  expect(allowed.status()).toBe(200);
});
