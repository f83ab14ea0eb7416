import { expect, test } from './fixtures';
import { OverviewPage } from './pages/overview-page';

// Alice (wheelhouse:operators) may list everything the seed creates.
test.beforeEach(async ({ signInAs }) => {
  await signInAs('alice');
});

// Written by the demo seed (local-cluster/seed). The spec names only what the seed guarantees.
const SEEDED_NAMESPACES = ['shop-frontend', 'shop-backend', 'data-platform', 'observability'];
const SEEDED_DEPLOYMENTS = [
  { namespace: 'shop-frontend', name: 'storefront' },
  { namespace: 'shop-backend', name: 'checkout' },
];

test('the root redirects to the configured cluster overview', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/c\/local\/overview$/);
});

test('the overview shows the seeded namespaces and Deployments', async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.goto();

  await expect(page.getByTestId('cluster-reachability')).toContainText('Connected');
  await expect(overview.errorPanels).toHaveCount(0);
  for (const name of SEEDED_NAMESPACES) {
    await expect(overview.namespace(name), `namespace ${name}`).toBeVisible();
  }
  for (const { namespace, name } of SEEDED_DEPLOYMENTS) {
    await expect(overview.deploymentRow(namespace, name), `deployment ${namespace}/${name}`).toHaveCount(1);
  }

  await overview.screenshot('docs/screenshots/overview.png');
});

test('an unknown cluster is a 404', async ({ page }) => {
  const response = await page.goto('/c/no-such-cluster/overview');
  expect(response?.status()).toBe(404);
});
