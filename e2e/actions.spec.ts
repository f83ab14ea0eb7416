import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';

import { clients, createNamespace, deleteNamespace, deployment, mergePatch, waitFor } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { WorkloadActionsPage } from './pages/actions-workload-page';

// Write actions end to end, as alice (operator) and bob (developer), against the local cluster.
// Every Deployment here lives in this spec's own namespace (created and removed by admin), so
// seeded objects stay untouched; bob's forged request targets a seeded one and is refused.

const admin = clients('admin');
let ns = '';

test.describe.configure({ mode: 'serial' });

async function read(name: string): Promise<V1Deployment> {
  return admin.apps.readNamespacedDeployment({ name, namespace: ns });
}

async function rolledOut(name: string, image: string): Promise<V1Deployment | false> {
  const d = await read(name);
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  const ok =
    s.observedGeneration === d.metadata?.generation &&
    s.updatedReplicas === want &&
    s.availableReplicas === want &&
    (s.replicas ?? 0) === want &&
    d.spec?.template.spec?.containers[0]?.image === image;
  return ok && d;
}

async function setImage(name: string, image: string) {
  await admin.apps.patchNamespacedDeployment(
    {
      name,
      namespace: ns,
      body: {
        metadata: { annotations: { 'kubernetes.io/change-cause': `deploy ${image}` } },
        spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
      },
    },
    mergePatch,
  );
}

async function withRevisions(name: string, images: string[], replicas = 1) {
  await admin.apps.createNamespacedDeployment({
    namespace: ns,
    body: deployment(name, { replicas, image: images[0] }),
  });
  await waitFor(() => rolledOut(name, images[0]!), 60_000, `${name} ${images[0]}`);
  for (const image of images.slice(1)) {
    await setImage(name, image);
    await waitFor(() => rolledOut(name, image), 60_000, `${name} ${image}`);
  }
}

async function replicaSetOfRevision(name: string, revision: number): Promise<V1ReplicaSet | undefined> {
  const list = await admin.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: `app=${name}` });
  return list.items.find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === String(revision));
}

test.beforeAll(async () => {
  // Five Deployments with up to three revisions each, rolled out one after another: on a loaded
  // 2-core machine the controller-manager can take longer than the default 60 s.
  test.setTimeout(180_000);
  ns = await createNamespace(admin, 'e2e-actions');
  await Promise.all([
    withRevisions('shop', ['shop:1.0', 'shop:1.1', 'shop:1.2']),
    withRevisions('scaler', ['scaler:1']),
    withRevisions('frozen', ['frozen:1', 'frozen:2']),
    withRevisions('clash', ['clash:1', 'clash:2']),
    withRevisions('pay', ['pay:2.0.1'], 2),
  ]);
});

test.afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

test.describe('as alice', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('alice');
  });

  test('scales a Deployment and sees the pods appear', async ({ page }) => {
    const ui = new WorkloadActionsPage(page);
    await ui.goto('deployments', ns, 'scaler');
    await expect(ui.pods).toHaveCount(1);
    await ui.action('Scale…').click();
    await ui.dialog.getByLabel('Replicas').fill('4');
    await ui.confirm('Scale to 4').click();
    await expect(ui.result).toContainText('from 1 to 4 replicas');
    await expect(ui.pods).toHaveCount(4, { timeout: 30_000 }); // from the stream, no reload
    expect((await read('scaler')).spec?.replicas).toBe(4);
  });

  test('asks before scaling to 0 and rejects what is not a whole number', async ({ page }) => {
    const ui = new WorkloadActionsPage(page);
    await ui.goto('deployments', ns, 'scaler');
    await ui.action('Scale…').click();
    const field = ui.dialog.getByLabel('Replicas');
    await field.fill('2.5');
    await expect(ui.dialog.getByRole('alert')).toHaveText('Replicas must be a whole number');
    await field.fill('0');
    await expect(ui.confirm('Scale to 0')).toBeDisabled();
    await ui.dialog.getByRole('checkbox').check();
    await expect(ui.confirm('Scale to 0')).toBeEnabled();
    await ui.dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('rolls back to revision 1 after viewing the diff; the API shows revision 1’s template', async ({ page }) => {
    const ui = new WorkloadActionsPage(page);
    const rs1 = await replicaSetOfRevision('shop', 1);
    await ui.goto('deployments', ns, 'shop');
    await expect(ui.revision(3)).toContainText('current');
    await ui.openRollback(1);
    await expect(ui.dialog).toContainText('it rolls out as revision 4');
    await expect(ui.diff).toContainText('-    - image: shop:1.2');
    await expect(ui.diff).toContainText('+    - image: shop:1.0');
    await ui.reason('1.2 breaks checkout');
    await page.screenshot({ path: 'docs/screenshots/rollback-diff.png' });
    const clicked = Date.now();
    await ui.confirm('Roll back to revision 1').click();
    // On this cluster the rollout can finish within a second: the banner then says so, for a few seconds.
    await expect(ui.result).toContainText(/from revision 3 to revision 1.*it becomes revision 4/);
    // The history moves from the stream: revision 1 becomes revision 4.
    await expect(ui.revision(4)).toContainText('current', { timeout: 20_000 });
    await expect(ui.revision(1)).toHaveCount(0);

    const after = await waitFor(() => rolledOut('shop', 'shop:1.0'), 60_000, 'shop back on 1.0');
    const expected = structuredClone(rs1!.spec!.template!);
    delete expected.metadata!.labels!['pod-template-hash'];
    expect(after.spec?.template).toEqual(expected);
    // The banner goes a few seconds after revision 4 has rolled out.
    await expect(ui.result).toBeHidden({ timeout: 30_000 });

    // Revision 4 re-uses revision 1's ReplicaSet (created minutes ago): it is live since the rollback,
    // not since that creation, and revision 3 was live until then (not "–").
    await expect(ui.revision(4).getByTestId('revision-live-from')).toContainText('earlier revision 1');
    const from4 = Date.parse((await ui.revision(4).getByTestId('revision-live-from').getAttribute('data-from')) ?? '');
    expect(from4).toBeGreaterThan(new Date(rs1!.metadata!.creationTimestamp!).getTime());
    expect(from4).toBeGreaterThanOrEqual(clicked - 2_000);
    const live3 = ui.revision(3).getByTestId('revision-live-for');
    await expect(live3).not.toHaveText('–');
    expect(Date.parse((await live3.getAttribute('data-until')) ?? '')).toBe(from4);
    await expect(ui.revision(4).getByTestId('revision-live-for')).toHaveText(/^≈ \d+s so far$/);
    await ui.history.screenshot({ path: 'docs/screenshots/revision-history.png' });
  });

  test('a change made while the dialog is open is a conflict, not an overwrite', async ({ page }) => {
    const ui = new WorkloadActionsPage(page);
    await ui.goto('deployments', ns, 'clash');
    await ui.openRollback(1);
    await admin.apps.patchNamespacedDeployment(
      { name: 'clash', namespace: ns, body: { spec: { replicas: 2 } } },
      mergePatch,
    );
    await ui.confirm('Roll back to revision 1').click();
    await expect(ui.dialogError).toHaveAttribute('data-code', 'conflict');
    await expect(ui.dialogError).toContainText('changed since you looked');
    expect((await read('clash')).spec?.template.spec?.containers[0]?.image).toBe('clash:2');
    // Confirming again would repeat the 409: the dialog asks to reload and review first.
    await expect(ui.confirm('Roll back to revision 1')).toBeDisabled();
    await ui.dialogError.getByRole('button', { name: 'Reload and review' }).click();
    await expect(ui.dialog.getByTestId('action-reloaded')).toBeVisible();
    await expect(ui.diff).toContainText('+    - image: clash:1');
    await ui.confirm('Roll back to revision 1').click();
    await expect(ui.result).toContainText('from revision 2 to revision 1');
    await waitFor(() => rolledOut('clash', 'clash:1'), 60_000, 'clash back on 1');
    expect((await read('clash')).spec?.replicas).toBe(2); // the other person's change is kept
  });

  test('refuses to roll back a paused Deployment, with the reason', async ({ page }) => {
    await admin.apps.patchNamespacedDeployment(
      { name: 'frozen', namespace: ns, body: { spec: { paused: true } } },
      mergePatch,
    );
    const ui = new WorkloadActionsPage(page);
    await ui.goto('deployments', ns, 'frozen');
    await expect(ui.action('Resume rollout…')).toBeVisible();
    await ui.openRollback(1);
    // As kubectl rollout undo: refused before anything is sent, with the reason, and resume offered.
    await expect(ui.confirm('Roll back to revision 1')).toBeDisabled();
    const paused = ui.dialog.getByTestId('rollback-paused');
    await expect(paused).toContainText('You cannot roll back a paused Deployment');
    await paused.getByRole('button', { name: 'Resume rollout…' }).click();
    await expect(ui.dialog.getByRole('heading')).toHaveText('Resume the rollout of frozen');
    await ui.confirm('Resume').click();
    await expect(ui.action('Pause rollout…')).toBeVisible({ timeout: 20_000 });
    expect((await read('frozen')).spec?.paused).toBeFalsy();
    expect((await read('frozen')).spec?.template.spec?.containers[0]?.image).toBe('frozen:2');
  });

  test('sees a stuck rollout and aborts it: back to the last good revision, paused', async ({ page }) => {
    // Revision 2 crash-loops (node agent: an image tag containing "crashloop").
    await setImage('pay', 'pay:2.1.0-crashloop');
    const ui = new WorkloadActionsPage(page);
    await ui.goto('deployments', ns, 'pay');
    await expect(ui.trouble).toContainText('Abort returns to revision 1', { timeout: 30_000 });
    await ui.panel.screenshot({ path: 'docs/screenshots/rollout-abort.png' });
    await ui.action('Abort rollout…').click();
    await ui.confirm('Abort rollout').click();
    await expect(ui.result).toContainText('Aborted');
    const after = await waitFor(() => rolledOut('pay', 'pay:2.0.1'), 60_000, 'pay back on 2.0.1');
    expect(after.spec?.paused).toBe(true);
    await expect(ui.action('Resume rollout…')).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('as bob', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('bob');
  });

  test('sees the history but no action, and a forged POST is refused and recorded', async ({ page, baseURL }) => {
    const ui = new WorkloadActionsPage(page);
    await ui.goto('deployments', 'shop-backend', 'payments');
    await expect(ui.history.locator('tbody tr')).not.toHaveCount(0);
    // No action is offered; only the quiet "Why can't I …?" links (issue 15) are there.
    await expect(ui.toolbar.getByRole('button', { name: /scale…|restart…|rollout…/i })).toHaveCount(0);
    await expect(ui.toolbar.getByRole('button', { name: /why can.t i scale/i })).toBeVisible();
    await expect(ui.history.getByRole('button')).toHaveCount(0);

    const before = await admin.apps.readNamespacedDeployment({ name: 'payments', namespace: 'shop-backend' });
    const requestId = crypto.randomUUID();
    const forged = await page.request.post('/api/k8s/local/deployments/shop-backend/payments/actions/scale', {
      headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
      data: {
        requestId,
        replicas: 7,
        resourceVersion: before.metadata?.resourceVersion,
        generation: before.metadata?.generation,
      },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.json()).toMatchObject({ ok: false, code: 'forbidden' });
    const now = await admin.apps.readNamespacedDeployment({ name: 'payments', namespace: 'shop-backend' });
    expect(now.spec?.replicas).toBe(before.spec?.replicas);

    const log = await page.request.get('/api/audit/export?cluster=local&format=jsonl&user=bob&action=scale');
    const entry = (await log.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { requestId: string; result: string; status: number | null })
      .find((e) => e.requestId === requestId);
    expect(entry).toMatchObject({ result: 'denied', status: 403 });
  });
});
