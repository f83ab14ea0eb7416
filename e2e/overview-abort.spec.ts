import type { V1Deployment, V1PodTemplateSpec } from '@kubernetes/client-node';

import { clients, createNamespace, deleteNamespace, deployment, mergePatch, waitFor } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { WorkloadActionsPage } from './pages/actions-workload-page';
import { OverviewPage } from './pages/overview-page';
import { OverviewAttention } from './pages/overview-attention';

// Issue 5: "see the stuck rollout on the Overview and abort it". The Deployment is this spec's own
// (admin creates it in a fresh namespace and removes it); seeded objects are only read.

const admin = clients('admin');
const NAME = 'checkout';
let ns = '';

test.describe.configure({ mode: 'serial' });

async function read(): Promise<V1Deployment> {
  return admin.apps.readNamespacedDeployment({ name: NAME, namespace: ns });
}

async function rolledOut(): Promise<V1Deployment | false> {
  const d = await read();
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  const ok =
    s.observedGeneration === d.metadata?.generation &&
    s.updatedReplicas === want &&
    s.availableReplicas === want &&
    (s.replicas ?? 0) === want;
  return ok && d;
}

/** Revision 1's pod template as the ReplicaSet keeps it, minus the controller's hash label. */
async function revisionOneTemplate(): Promise<V1PodTemplateSpec> {
  const list = await admin.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: `app=${NAME}` });
  const rs = list.items.find((r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1');
  const template = structuredClone(rs!.spec!.template!);
  delete template.metadata!.labels!['pod-template-hash'];
  return template;
}

test.beforeAll(async () => {
  ns = await createNamespace(admin, 'e2e-overview-abort');
  const body = deployment(NAME, { replicas: 1, image: 'checkout:1.0' });
  // A short deadline so the bad rollout turns "Stuck" (ProgressDeadlineExceeded) within the test.
  body.spec!.progressDeadlineSeconds = 10;
  await admin.apps.createNamespacedDeployment({ namespace: ns, body });
  await waitFor(rolledOut, 60_000, `${NAME} rolled out`);
});

test.afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

test('as alice: the stuck rollout is on the Overview and is aborted from there', async ({ page, signInAs }) => {
  await signInAs('alice');
  const good = await revisionOneTemplate();
  // Revision 2 never becomes Ready (node agent: sim.wheelhouse.dev/crash-loop).
  await admin.apps.patchNamespacedDeployment(
    {
      name: NAME,
      namespace: ns,
      body: { spec: { template: { metadata: { annotations: { 'sim.wheelhouse.dev/crash-loop': 'true' } } } } },
    },
    mergePatch,
  );

  const overview = new OverviewPage(page);
  const attention = new OverviewAttention(page);
  await overview.goto();
  // Progress deadline (10 s) + controller sync; arrives from the stream, no reload.
  await expect(attention.item(ns, NAME, 'Rollout stuck')).toBeVisible({ timeout: 60_000 });
  await attention.actionsLink(ns, NAME).click();

  await expect(page).toHaveURL(new RegExp(`/workloads/deployments/${ns}/${NAME}#workload-actions$`));
  const ui = new WorkloadActionsPage(page);
  await expect(ui.trouble).toContainText('Abort returns to revision 1', { timeout: 30_000 });
  await expect(ui.panel).toBeInViewport();
  await ui.action('Abort rollout…').click();
  await ui.confirm('Abort rollout').click();
  await expect(ui.result).toContainText('Aborted');

  const after = await waitFor(
    async () => {
      const d = await read();
      return (
        d.spec?.paused === true &&
        d.spec.template.metadata?.annotations?.['sim.wheelhouse.dev/crash-loop'] === undefined &&
        d
      );
    },
    30_000,
    `${NAME} paused on the last good template`,
  );
  expect(after.spec?.paused).toBe(true);
  expect(after.spec?.template).toEqual(good);

  // Back on the Overview, the aborted rollout no longer needs attention as stuck.
  await overview.goto();
  await expect(attention.card).toBeVisible();
  await expect(attention.item(ns, NAME, 'Rollout stuck')).toHaveCount(0, { timeout: 30_000 });
});

test('as bob: the Overview shows the stuck rollout but offers no action', async ({ page, signInAs }) => {
  await signInAs('bob');
  const overview = new OverviewPage(page);
  const attention = new OverviewAttention(page);
  await overview.goto();
  // The seeded shop-backend/payments rollout is stuck (local-cluster/seed/README.md); bob may view it.
  await expect(attention.item('shop-backend', 'payments', 'Rollout stuck')).toBeVisible({ timeout: 30_000 });
  await expect(attention.writeActions()).toHaveCount(0);

  // The link leads to the detail page, where bob is offered no action either.
  await attention.actionsLink('shop-backend', 'payments').click();
  const ui = new WorkloadActionsPage(page);
  await expect(ui.history).toBeVisible();
  await expect(ui.trouble).toBeVisible();
  // No action; only the quiet "Why can't I …?" links (issue 15).
  await expect(ui.toolbar.getByRole('button', { name: /scale…|restart…|rollout…/i })).toHaveCount(0);
  await expect(ui.toolbar.getByRole('button', { name: /why can.t i/i }).first()).toBeVisible();
});
