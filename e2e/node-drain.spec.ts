import { setUpDrainScenario, type DrainScenario } from '../local-cluster/test/drain-scenario';
import { clients, mergePatch } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';

// Node drain end to end (issue 15, item 3), as alice from the node page, against the local cluster.
// The drained node is a throwaway one run by a second node agent (local-cluster/test/drain-scenario.ts):
// Deployment `web` (2 replicas, both on <prefix>1) and PDB `web` (minAvailable 1), so the first
// eviction proceeds and the second waits until the replacement is Ready on <prefix>2. The cluster's
// real nodes are never cordoned; the throwaway nodes are uncordoned and deleted even on failure.

const admin = clients('admin');
let s: DrainScenario | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  s = await setUpDrainScenario('wh-drain-e2e-', [31591, 31592, 31593]);
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  if (!s) return;
  for (const name of s.nodes.names) {
    await admin.core.patchNode({ name, body: { spec: { unschedulable: null } } }, mergePatch).catch(() => undefined);
  }
  await s.cleanup();
});

test('alice drains a node from its page: preview, live per-pod progress, completion, audit record, uncordon', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(180_000);
  const sc = s!;
  await signInAs('alice');
  await page.goto(`/c/local/nodes/${sc.source}`);
  const section = page.getByTestId('node-maintenance');
  await expect(section.getByTestId('node-scheduling')).toHaveText('Schedulable');

  await section.getByRole('button', { name: 'Drain…' }).click();
  const dialog = page.getByRole('dialog', { name: `Drain ${sc.source}` });
  await expect(dialog.getByTestId('drain-sentence')).toHaveText(
    new RegExp(
      `^Draining ${sc.source} cordons it and evicts 2 pods; 1 eviction is blocked by a PodDisruptionBudget now and will wait until a replacement is Ready elsewhere(; \\d+ DaemonSet or mirror pods? stays?)?\\.$`,
    ),
  );
  await expect(dialog.getByTestId('drain-preview-pod')).toHaveCount(2);
  await expect(dialog.getByTestId('drain-preview-pod').first()).toContainText(`${sc.namespace}/web-`);
  await expect(dialog.getByTestId('drain-blocked')).toContainText(`Blocked now by ${sc.namespace}/web`);
  await expect(dialog.getByTestId('kubectl-command')).toHaveText(
    `kubectl drain ${sc.source} --ignore-daemonsets --delete-emptydir-data`,
  );
  await dialog.getByLabel(/Reason/).fill('e2e: replace the disk');
  await dialog.screenshot({ path: 'docs/screenshots/node-drain.png' });
  await dialog.getByRole('button', { name: 'Drain', exact: true }).click();
  await expect(dialog).toBeHidden();

  // Live progress: the first pod goes, the second waits for the budget, then goes too.
  const progress = section.getByTestId('drain-progress');
  await expect(progress).toBeVisible();
  await expect(section.getByTestId('maintenance-result')).toContainText(`Cordoned ${sc.source}; evicting 2 pods`);
  const waiting = progress.locator('[data-testid="drain-pod"][data-state="waiting"]');
  await expect(waiting).toHaveCount(1, { timeout: 20_000 });
  await expect(waiting).toContainText('Waiting for PDB');
  await expect(waiting).toContainText('PodDisruptionBudget web allows no disruption now (429)');
  await expect(progress.locator('[data-testid="drain-pod"][data-state="evicted"]')).toHaveCount(1, {
    timeout: 20_000,
  });
  await section.screenshot({ path: 'docs/screenshots/node-drain-progress.png' });
  await expect(progress).toHaveAttribute('data-state', 'completed', { timeout: 90_000 });
  await expect(progress.locator('[data-testid="drain-pod"][data-state="evicted"]')).toHaveCount(2);
  await expect(section.getByTestId('drain-summary')).toHaveText(
    new RegExp(`^Drained ${sc.source}: 2 pods evicted in \\d+ s \\(1 pod waited for a PodDisruptionBudget\\)`),
  );
  expect((await admin.core.readNode({ name: sc.source })).spec?.unschedulable).toBe(true);
  // The Deployment's pods run elsewhere now.
  expect(await sc.podsOn(sc.source)).toEqual([]);
  expect((await sc.podsOn(sc.target)).length).toBe(2);

  // The audit record of the run, with alice's reason and how it ended.
  const activity = new ActivityPage(page);
  await activity.goto({ user: 'alice', action: 'drain' });
  const row = activity.rows.filter({ hasText: `Drained ${sc.source}: 2 pods evicted` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('e2e: replace the disk');

  // Uncordon from the page.
  await page.goto(`/c/local/nodes/${sc.source}`);
  await expect(section.getByTestId('node-scheduling')).toHaveText('SchedulingDisabled');
  await section.getByRole('button', { name: 'Uncordon' }).click();
  const uncordon = page.getByRole('dialog', { name: `Uncordon ${sc.source}` });
  await expect(uncordon.getByTestId('kubectl-command')).toHaveText(`kubectl uncordon ${sc.source}`);
  await uncordon.getByRole('button', { name: 'Uncordon', exact: true }).click();
  await expect(section.getByTestId('maintenance-result')).toContainText(`Uncordoned ${sc.source}`);
  await expect
    .poll(async () => (await admin.core.readNode({ name: sc.source })).spec?.unschedulable ?? false)
    .toBe(false);
});

test('bob is offered nothing and a forged cordon is refused by Kubernetes (403)', async ({
  page,
  signInAs,
  baseURL,
}) => {
  const sc = s!;
  await signInAs('bob');
  const view = await page.request.get(`/api/k8s/local/nodes/_/${sc.source}/maintenance`);
  expect(view.status()).toBe(403);
  const node = await admin.core.readNode({ name: sc.source });
  const forged = await page.request.post(`/api/k8s/local/nodes/_/${sc.source}/actions/cordon`, {
    headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
    data: { requestId: crypto.randomUUID(), resourceVersion: node.metadata!.resourceVersion, unschedulable: false },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ ok: false, code: 'forbidden' });
  expect((await admin.core.readNode({ name: sc.source })).spec?.unschedulable).toBeFalsy();
});
