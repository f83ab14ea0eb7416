import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

import { clusterPaths } from '../local-cluster/paths';
import { expect, test } from './fixtures';
import { AutoscalingPage } from './pages/autoscaling-page';

// An operator edits the seeded storefront HPA's maximum through the autoscaling screen; the seeded
// bounds (2–6) are restored afterwards as admin, whatever happened.

const SEEDED = { minReplicas: 2, maxReplicas: 6 };

/** Sets the storefront HPA's bounds as admin, as kubectl patch would. */
async function setBounds(minReplicas: number, maxReplicas: number): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  kc.setCurrentContext('admin');
  const api = kc.makeApiClient(CustomObjectsApi);
  await api.patchNamespacedCustomObject({
    group: 'autoscaling',
    version: 'v1',
    namespace: 'shop-frontend',
    plural: 'horizontalpodautoscalers',
    name: 'storefront',
    body: [
      { op: 'replace', path: '/spec/minReplicas', value: minReplicas },
      { op: 'replace', path: '/spec/maxReplicas', value: maxReplicas },
    ],
  });
}

const restoreSeededBounds = () => setBounds(SEEDED.minReplicas, SEEDED.maxReplicas);

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ signInAs }) => {
  await signInAs('alice');
});

test.afterAll(restoreSeededBounds);

test('an operator reads an HPA and edits its maximum', async ({ page }) => {
  const hpa = new AutoscalingPage(page);
  await hpa.gotoList();
  await expect(hpa.table.getByRole('row').filter({ hasText: 'Deployment/storefront' })).toHaveCount(1);
  await hpa.openHpa('storefront');

  await expect(hpa.bounds).toHaveText(/2–6/);
  await expect(hpa.condition('AbleToScale')).toBeVisible();
  await expect(hpa.condition('ScalingActive')).toContainText('computes a replica count');
  await expect(hpa.metrics.first()).toContainText('60% of requests');
  await expect(page.getByTestId('hpa-behavior')).toContainText('Kubernetes defaults');
  await expect(hpa.charts.getByTestId('chart-plot').first()).toBeVisible();

  await page.screenshot({ path: test.info().outputPath('hpa-detail.png'), fullPage: true });

  await hpa.editBounds(2, 7);
  await expect(hpa.result).toContainText('between 2 and 7');
  await expect(hpa.bounds).toHaveText(/2–7/);
});

// ADR 0018: the autoscaling pages are prefetched on the server and then live from the stream. A
// change made outside the dashboard (admin with kubectl) shows on the open pages without a reload.
test('a change made with kubectl shows on the open list and detail pages', async ({ page }) => {
  const hpa = new AutoscalingPage(page);
  // The Min–Max column of storefront's row.
  const bounds = hpa.table.getByRole('row').filter({ hasText: 'Deployment/storefront' }).getByRole('cell').nth(5);
  try {
    await restoreSeededBounds();
    await hpa.gotoList();
    await expect(bounds).toHaveText('2–6');
    await setBounds(SEEDED.minReplicas, 9);
    await expect(bounds).toHaveText('2–9');

    await hpa.openHpa('storefront');
    await expect(hpa.bounds).toHaveText(/2–9/);
    await setBounds(SEEDED.minReplicas, SEEDED.maxReplicas);
    await expect(hpa.bounds).toHaveText(/2–6/);
    // Back on the list (client-side navigation), the row shows the restored bounds too.
    await page.goBack();
    await expect(bounds).toHaveText('2–6');
  } finally {
    await restoreSeededBounds();
  }
});

test('bob reads his team’s autoscaler without the edit button; other namespaces answer 404', async ({
  page,
  signInAs,
}) => {
  await signInAs('bob');
  const hpa = new AutoscalingPage(page);
  await hpa.gotoList();
  await expect(hpa.table.getByTestId('hpa-row')).toHaveCount(1);
  await hpa.openHpa('storefront');
  await expect(page.getByRole('button', { name: 'Edit min/max' })).toHaveCount(0);
  const other = await page.goto('/c/local/autoscaling/kube-system/storefront');
  expect(other?.status()).toBe(404);
});
