import { execFileSync } from 'node:child_process';

import { applyPatch } from 'diff';

import { clusterPaths } from '../local-cluster/paths';
import {
  clients,
  createNamespace,
  deleteNamespace,
  deployment,
  jsonPatch,
  mergePatch,
  waitFor,
} from '../local-cluster/test/kube';
import { templateYaml } from '../lib/k8s/rollout/diff';
import { ANNOTATIONS_TO_SKIP } from '../lib/k8s/rollout/rollback';
import { POD_TEMPLATE_HASH } from '../lib/k8s/rollout/template';
import type { PodTemplate } from '../lib/k8s/rollout/types';

import { expect, test } from './fixtures';
import { WorkloadActionsPage } from './pages/actions-workload-page';

// Issue 15, items 4 and 6. bob (developer: `view` in shop-*) sees why he cannot scale a seeded
// Deployment: Kubernetes refused `update` on `deployments/scale`, elevation would not help, and the
// roles that grant it are not his to read. alice (operator) sees the kubectl command of each action
// dialog; the rollback's command, run as alice, produces exactly the pod template the dialog's diff
// promised. The rollback runs on a Deployment of this spec's own namespace (removed after), so the
// seeded state is untouched.

const admin = clients('admin');
let ns = '';

test.describe.configure({ mode: 'serial' });

interface RawDeployment {
  metadata: { annotations?: Record<string, string>; generation?: number };
  spec: { template: PodTemplate; selector: { matchLabels: Record<string, string> } };
  status?: { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number; replicas?: number };
}

/** The Deployment as the API serves it (raw JSON, as the dashboard's diff reads it). */
async function raw(name: string, c = admin): Promise<RawDeployment> {
  return (await c.custom.getNamespacedCustomObject({
    group: 'apps',
    version: 'v1',
    namespace: ns,
    plural: 'deployments',
    name,
  })) as RawDeployment;
}

async function rolledOut(name: string, image: string): Promise<boolean> {
  const d = await raw(name);
  const s = d.status ?? {};
  return (
    s.observedGeneration === d.metadata.generation &&
    s.updatedReplicas === 1 &&
    s.availableReplicas === 1 &&
    s.replicas === 1 &&
    d.spec.template.spec?.containers?.[0]?.image === image
  );
}

/**
 * `kubectl rollout undo … --to-revision=N` as alice. kubectl is on this machine's PATH when present;
 * scripts/bootstrap.sh does not install it, so without it the same request kubectl sends is made with
 * client-node as alice (kubectl/pkg/polymorphichelpers/rollback.go: revision N's ReplicaSet template
 * without pod-template-hash, replacing /spec/template and /metadata/annotations in one JSON patch).
 */
function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const SKIPPED_ANNOTATIONS = new Set(ANNOTATIONS_TO_SKIP);

async function undoAsAlice(name: string, revision: number): Promise<void> {
  const alice = clients('alice');
  const d = await raw(name, alice);
  const selector = Object.entries(d.spec.selector.matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const sets = await alice.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: selector });
  const rs = sets.items.find(
    (r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision'] === String(revision),
  );
  if (!rs?.metadata?.name) throw new Error(`unable to find the specified revision ${revision}`);
  const rsRaw = (await alice.custom.getNamespacedCustomObject({
    group: 'apps',
    version: 'v1',
    namespace: ns,
    plural: 'replicasets',
    name: rs.metadata.name,
  })) as { metadata: { annotations?: Record<string, string> }; spec: { template: PodTemplate } };
  const template = structuredClone(rsRaw.spec.template);
  delete template.metadata?.labels?.[POD_TEMPLATE_HASH];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rsRaw.metadata.annotations ?? {}))
    if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  await alice.custom.patchNamespacedCustomObject(
    {
      group: 'apps',
      version: 'v1',
      namespace: ns,
      plural: 'deployments',
      name,
      body: [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
    },
    jsonPatch,
  );
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  ns = await createNamespace(admin, 'e2e-why');
  await admin.apps.createNamespacedDeployment({
    namespace: ns,
    body: deployment('shop', { replicas: 1, image: 'shop:1.0' }),
  });
  await waitFor(() => rolledOut('shop', 'shop:1.0'), 60_000, 'shop:1.0');
  await admin.apps.patchNamespacedDeployment(
    {
      name: 'shop',
      namespace: ns,
      body: {
        metadata: { annotations: { 'kubernetes.io/change-cause': 'deploy shop:1.1' } },
        spec: {
          template: {
            metadata: { labels: { tier: 'web' } },
            spec: { containers: [{ name: 'app', image: 'shop:1.1' }] },
          },
        },
      },
    },
    mergePatch,
  );
  await waitFor(() => rolledOut('shop', 'shop:1.1'), 60_000, 'shop:1.1');
});

test.afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

test('bob sees why he cannot scale: update on deployments/scale refused, the roles not his to read', async ({
  page,
  signInAs,
}) => {
  await signInAs('bob');
  const ui = new WorkloadActionsPage(page);
  await ui.goto('deployments', 'shop-frontend', 'storefront');
  await expect(ui.action('Scale…')).toHaveCount(0);
  const why = ui.panel.getByRole('button', { name: 'Why can’t I scale?' });
  await expect(why).toBeVisible();
  await expect(ui.panel.getByRole('button', { name: 'Why can’t I roll back, restart or pause?' })).toBeVisible();
  await why.click();
  const answer = page.getByRole('region', { name: 'Why you cannot scale' });
  await expect(answer.getByTestId('why-not-request')).toHaveText(
    'refused: update deployments/scale (apps) on storefront in namespace shop-frontend',
  );
  const words = answer.getByTestId('why-not-words');
  await expect(words).toContainText(
    'Kubernetes refused you update deployments/scale in namespace shop-frontend (on storefront).',
  );
  await expect(words).toContainText('Elevation would not change this');
  await expect(words).toContainText('Ask an operator: the roles that grant it are not visible to you');
  // Nothing of the RBAC objects bob may not read.
  await expect(answer).not.toContainText('wheelhouse:operators');
  await expect(answer.getByTestId('why-not-grants')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/why-cant-i.png' });
});

test.describe('as alice', () => {
  test.beforeEach(async ({ signInAs, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signInAs('alice');
  });

  test('the scale dialog shows kubectl scale, following the number typed', async ({ page }) => {
    const ui = new WorkloadActionsPage(page);
    await ui.goto('deployments', ns, 'shop');
    await expect(ui.panel.getByTestId('why-not')).toHaveCount(0);
    await ui.action('Scale…').click();
    const command = ui.dialog.getByTestId('kubectl-command');
    await expect(command).toHaveText(`kubectl scale deployment/shop -n ${ns} --replicas=1`);
    await ui.dialog.getByLabel('Replicas').fill('3');
    await expect(command).toHaveText(`kubectl scale deployment/shop -n ${ns} --replicas=3`);
  });

  test('the rollback dialog shows kubectl rollout undo; run as alice, it gives the template the diff promised', async ({
    page,
  }) => {
    const ui = new WorkloadActionsPage(page);
    await ui.goto('deployments', ns, 'shop');
    await expect(ui.revision(2)).toContainText('current');
    await ui.openRollback(1);
    const command = ui.dialog.getByTestId('kubectl-command');
    const expected = `kubectl rollout undo deployment/shop -n ${ns} --to-revision=1`;
    await expect(command).toHaveText(expected);
    const shownCommand = (await command.textContent()) ?? '';
    await ui.dialog.getByRole('button', { name: 'Copy the kubectl command' }).click();
    await expect(ui.dialog.getByRole('button', { name: 'Copy the kubectl command' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    await expect(ui.diff).toContainText('shop:1.0');
    await page.screenshot({ path: 'docs/screenshots/kubectl-equivalent.png' });

    // The diff as shown, line by line (the view drops createTwoFilesPatch's "=====" first line).
    const shown = (await ui.diff.locator('div').allTextContents()).map((l) => (l === ' ' ? '' : l));
    while (shown.length && shown[shown.length - 1] === '') shown.pop();
    const diffText = `${shown.join('\n')}\n`;
    await page.keyboard.press('Escape');
    await expect(ui.dialog).toHaveCount(0);

    const before = templateYaml((await raw('shop')).spec.template);
    const promised = applyPatch(before, diffText);
    expect(promised, 'the dialog’s diff applies to the current template').not.toBe(false);
    expect(promised).toContain('image: shop:1.0');

    // Run what the dialog showed, as alice.
    if (hasKubectl()) {
      const { kubeconfig } = clusterPaths();
      execFileSync('sh', ['-c', `${shownCommand} --kubeconfig ${kubeconfig} --context alice`], { stdio: 'pipe' });
    } else {
      await undoAsAlice('shop', 1);
    }
    const after = await raw('shop');
    expect(templateYaml(after.spec.template)).toBe(promised);
    // The page follows: revision 1 becomes revision 3, live.
    await expect(ui.revision(3)).toContainText('current', { timeout: 20_000 });
  });
});
