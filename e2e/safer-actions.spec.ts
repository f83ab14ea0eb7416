import { clients, createNamespace, deleteNamespace } from '../local-cluster/test/kube';
import { createRollbackScenario } from '../local-cluster/test/rollback-scenario';

import { expect, test } from './fixtures';
import { WorkloadActionsPage } from './pages/actions-workload-page';

// Issue 15, items 1 and 2, in the dialogs an operator uses: a scale-down past a PodDisruptionBudget
// says so before anything is sent, and a rollback names the ConfigMap that changed since the target
// revision went live, the one that no longer exists, and the image that differs. Nothing is confirmed.

const admin = clients('admin');
let ns = '';

test.beforeAll(async () => {
  ns = await createNamespace(admin, 'safer-actions');
  await createRollbackScenario(admin, ns);
});

test.afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

test.beforeEach(async ({ signInAs }) => {
  await signInAs('alice');
});

test('a scale-down past the PodDisruptionBudget says so before it is sent', async ({ page }) => {
  const actions = new WorkloadActionsPage(page);
  await actions.goto('deployments', 'shop-backend', 'checkout');
  await actions.action(/scale/i).click();
  await page.getByLabel('Replicas').fill('1');
  const preview = actions.dialog.getByTestId('disruption-preview');
  await expect(preview).toHaveAttribute('data-warn', 'true');
  await expect(preview).toContainText('takes 2 ready pods out of service at once');
  await expect(preview).toContainText('PodDisruptionBudget checkout allows 1 disruption now');
  // Scaling by one stays within the budget: no warning.
  await page.getByLabel('Replicas').fill('2');
  await expect(preview).toHaveAttribute('data-warn', 'false');
  await page.getByLabel('Replicas').fill('1');
  await actions.dialog.screenshot({ path: 'docs/screenshots/disruption-preview.png' });
});

test('a rollback names the configuration it will not restore', async ({ page }) => {
  const actions = new WorkloadActionsPage(page);
  await actions.goto('deployments', ns, 'web');
  await actions.openRollback(1);
  const check = actions.dialog.getByTestId('rollback-completeness');
  await expect(check.locator('[data-name="app-config"]')).toHaveAttribute('data-verdict', 'changed');
  await expect(check.locator('[data-name="app-config"]')).toContainText('rolling back keeps today');
  await expect(check.locator('[data-name="old-config"]')).toHaveAttribute('data-verdict', 'missing');
  await expect(check.locator('[data-name="old-config"]')).toContainText('would fail to start');
  await expect(check.getByTestId('rollback-images')).toContainText('shop/web:2.0 → shop/web:1.0');
  await actions.dialog.screenshot({ path: 'docs/screenshots/rollback-completeness.png' });
});
