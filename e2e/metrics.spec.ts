import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';

import { clusterPaths } from '../local-cluster/paths';
import { expect, test } from './fixtures';
import { WorkloadMetricsPanel } from './pages/workload-metrics-panel';

const RANGES = [
  { label: '6 h', seconds: 6 * 3600 },
  { label: '24 h', seconds: 24 * 3600 },
  { label: '7 days', seconds: 7 * 24 * 3600 },
];

/** When each of storefront's revisions started, read as admin: the cluster may have been seeded days ago. */
async function revisionStarts(): Promise<number[]> {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  kc.setCurrentContext('admin');
  const list = await kc.makeApiClient(AppsV1Api).listNamespacedReplicaSet({ namespace: 'shop-frontend' });
  const times = list.items
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === 'Deployment' && o.name === 'storefront'))
    .map((rs) => new Date(rs.metadata!.creationTimestamp!).getTime());
  expect(times.length).toBeGreaterThanOrEqual(3);
  return times;
}

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

  // The smallest range that holds every revision marks them on each of the three charts. On a cluster
  // seeded more than 7 days ago, the revisions older than the range say so instead.
  const starts = await revisionStarts();
  const oldestAge = (Date.now() - Math.min(...starts)) / 1000;
  const range = RANGES.find((r) => r.seconds > oldestAge + 120) ?? RANGES[RANGES.length - 1]!;
  await metrics.pickRange(range.label);
  const older = starts.filter((t) => t < Date.now() - range.seconds * 1000).length;
  await expect(metrics.revisionMarkers.filter({ hasText: 'before this range' })).toHaveCount(older);
  if (older < starts.length) {
    await expect(metrics.markerLabels().first()).toBeVisible();
    expect(await metrics.markerLabels().count()).toBeGreaterThanOrEqual(3);
  } else {
    await expect(metrics.markerLabels()).toHaveCount(0);
  }

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
