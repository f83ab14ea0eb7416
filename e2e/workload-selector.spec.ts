import { clients, createNamespace, deleteNamespace, deployment, waitFor } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { OverviewPage } from './pages/overview-page';
import { OverviewAttention } from './pages/overview-attention';
import { WorkloadDetailPage } from './pages/workload-detail-page';

// Issue 13: one label-selector implementation. A Deployment whose selector is made only of
// matchExpressions lists its own pods on its detail page, not every pod of the namespace. The
// namespace and Deployments are this spec's own (admin creates and removes them).

const admin = clients('admin');
let ns = '';

test.describe.configure({ mode: 'serial' });

async function ready(name: string, want: number): Promise<boolean> {
  const d = await admin.apps.readNamespacedDeployment({ name, namespace: ns });
  return d.status?.observedGeneration === d.metadata?.generation && d.status?.availableReplicas === want;
}

test.beforeAll(async () => {
  ns = await createNamespace(admin, 'h8-selector');
  const picky = deployment('picky', { replicas: 1 });
  picky.spec!.selector = {
    matchExpressions: [
      { key: 'app', operator: 'In', values: ['picky'] },
      { key: 'track', operator: 'DoesNotExist' },
    ],
  };
  await admin.apps.createNamespacedDeployment({ namespace: ns, body: picky });
  await admin.apps.createNamespacedDeployment({ namespace: ns, body: deployment('other', { replicas: 2 }) });
  await waitFor(async () => (await ready('picky', 1)) && (await ready('other', 2)), 60_000, 'deployments ready');
});

test.afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

test('as alice: a selector of only matchExpressions lists only its own pods', async ({ page, signInAs }) => {
  await signInAs('alice');
  const detail = new WorkloadDetailPage(page);
  await detail.goto('deployments', ns, 'picky');
  const rows = detail.pods.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('picky-');
  await expect(detail.pods).not.toContainText('other-');
  await expect(page.getByText('1 matching app=picky,!track')).toBeVisible();
});

test('as alice: crash-looping seeded pods still reach "needs attention" through the classification', async ({
  page,
  signInAs,
}) => {
  await signInAs('alice');
  await new OverviewPage(page).goto();
  const attention = new OverviewAttention(page);
  // shop-backend/payments revision 3 crash-loops (local-cluster/seed: STUCK_ROLLOUT).
  await expect(
    attention.items.filter({ hasText: 'Crash-looping' }).filter({ hasText: 'shop-backend/payments-' }).first(),
  ).toBeVisible({ timeout: 30_000 });
});
