import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';

import { clusterPaths } from '../local-cluster/paths';
import { expect, test } from './fixtures';
import { AutoscalingPage } from './pages/autoscaling-page';

// An operator edits the seeded storefront HPA's maximum through the autoscaling screen; the seeded
// bounds (2–6) are restored afterwards as admin, whatever happened.

const SEEDED = { minReplicas: 2, maxReplicas: 6 };

async function restoreSeededBounds(): Promise<void> {
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
      { op: 'replace', path: '/spec/minReplicas', value: SEEDED.minReplicas },
      { op: 'replace', path: '/spec/maxReplicas', value: SEEDED.maxReplicas },
    ],
  });
}

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
