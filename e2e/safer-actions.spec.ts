import { clients, createNamespace, deleteNamespace, deployment, waitFor } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { WorkloadActionsPage } from './pages/actions-workload-page';

// Issue 15, items 1 and 2, in the dialogs an operator uses: a scale-down past a PodDisruptionBudget
// says so before anything is sent, and a rollback names the ConfigMap that changed since the target
// revision went live, the one that no longer exists, and the image that differs. Nothing is confirmed.

const admin = clients('admin');
let ns = '';

test.beforeAll(async () => {
  ns = await createNamespace(admin, 'safer-actions');
  await admin.core.createNamespacedConfigMap({
    namespace: ns,
    body: { metadata: { name: 'app-config' }, data: { MODE: 'a' } },
  });
  await admin.core.createNamespacedConfigMap({
    namespace: ns,
    body: { metadata: { name: 'old-config' }, data: { X: '1' } },
  });
  const d = deployment('web', { image: 'shop/web:1.0', replicas: 1 });
  const c = d.spec!.template.spec!.containers[0]!;
  c.envFrom = [{ configMapRef: { name: 'app-config' } }];
  d.spec!.template.spec!.volumes = [{ name: 'old', configMap: { name: 'old-config' } }];
  await admin.apps.createNamespacedDeployment({ namespace: ns, body: d });
  const rsCount = async () => (await admin.apps.listNamespacedReplicaSet({ namespace: ns })).items.length;
  await waitFor(async () => (await rsCount()) === 1, 30_000, 'revision 1');
  await new Promise((r) => setTimeout(r, 1100)); // managedFields times have one-second resolution
  await admin.apps.patchNamespacedDeployment({
    name: 'web',
    namespace: ns,
    body: [
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'shop/web:2.0' },
      { op: 'remove', path: '/spec/template/spec/volumes' },
    ],
  });
  await waitFor(async () => (await rsCount()) === 2, 30_000, 'revision 2');
  await new Promise((r) => setTimeout(r, 1100));
  // Changed as `kubectl edit` changes it, then the old ConfigMap goes.
  await admin.core.patchNamespacedConfigMap({
    name: 'app-config',
    namespace: ns,
    fieldManager: 'kubectl-edit',
    body: [{ op: 'replace', path: '/data/MODE', value: 'b' }],
  });
  await admin.core.deleteNamespacedConfigMap({ name: 'old-config', namespace: ns });
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
