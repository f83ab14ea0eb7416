import { randomUUID } from 'node:crypto';

import type { V1Deployment } from '@kubernetes/client-node';

import { clients, createNamespace, deleteNamespace, deployment, mergePatch, waitFor } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';

// Issue 15 item 5: each audited write keeps the spec fields it changed, before and after. A scale and
// a rollback as alice, through the real actions API against the local cluster, then found on the
// Activity page (each row expands to its fields) and in the CSV and JSON lines exports. The
// Deployment lives in this spec's own namespace (created and removed by admin), so seeded objects
// stay untouched.

const admin = clients('admin');
let namespace = '';
const NAME = 'storefront';
const IMAGE = (v: string) => `registry.local/shop/storefront:${v}`;
const ids = { scale: randomUUID(), rollback: randomUUID() };

test.describe.configure({ mode: 'serial' });

async function read(): Promise<V1Deployment> {
  return admin.apps.readNamespacedDeployment({ name: NAME, namespace });
}

async function rolledOut(image: string): Promise<boolean> {
  const d = await read();
  const s = d.status ?? {};
  return (
    s.observedGeneration === d.metadata?.generation &&
    s.updatedReplicas === (d.spec?.replicas ?? 1) &&
    d.spec?.template.spec?.containers[0]?.image === image
  );
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  namespace = await createNamespace(admin, 'activity-changes');
  await admin.apps.createNamespacedDeployment({
    namespace,
    body: deployment(NAME, { replicas: 1, image: IMAGE('1.4.1') }),
  });
  await waitFor(() => rolledOut(IMAGE('1.4.1')), 90_000, 'revision 1');
  await admin.apps.patchNamespacedDeployment(
    {
      name: NAME,
      namespace,
      body: { spec: { template: { spec: { containers: [{ name: 'app', image: IMAGE('1.4.2') }] } } } },
    },
    mergePatch,
  );
  await waitFor(() => rolledOut(IMAGE('1.4.2')), 90_000, 'revision 2');
});

test.afterAll(async () => {
  if (namespace) await deleteNamespace(admin, namespace);
});

async function seen() {
  const d = await read();
  return { resourceVersion: d.metadata?.resourceVersion ?? '', generation: d.metadata?.generation ?? 0 };
}

test('a scale and a rollback show their before/after on Activity and in the exports', async ({
  page,
  baseURL,
  signInAs,
}) => {
  const act = async (action: string, data: Record<string, unknown>) =>
    page.request.post(`/api/k8s/local/deployments/${namespace}/${NAME}/actions/${action}`, {
      headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
      data: { ...data, ...(await seen()) },
    });

  await signInAs('alice');
  const scaled = await act('scale', { requestId: ids.scale, replicas: 3, reason: 'more capacity for the sale' });
  expect(scaled.status()).toBe(200);
  const rolledBack = await act('rollback', { requestId: ids.rollback, toRevision: 1, reason: '1.4.2 fails checkout' });
  expect(rolledBack.status()).toBe(200);
  expect((await read()).spec?.template.spec?.containers[0]?.image).toBe(IMAGE('1.4.1'));

  const activity = new ActivityPage(page);
  await activity.goto({ namespace });
  await expect(activity.rows).toHaveCount(2);

  const scaleRow = activity.row(ids.scale);
  await expect(scaleRow).toContainText('replicas 1 → 3');
  await scaleRow.getByRole('button', { name: /Before \/ after: 1 field changed/ }).click();
  const scaleFields = activity.changes(ids.scale);
  await expect(scaleFields).toHaveCount(1);
  await expect(scaleFields.first().getByRole('cell')).toHaveText(['spec.replicas', '1', '3']);

  const rollbackRow = activity.row(ids.rollback);
  await expect(rollbackRow).toContainText('revision 2 → 1');
  const toggle = rollbackRow.getByRole('button', { name: /Before \/ after/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const image = activity.changes(ids.rollback).filter({ hasText: 'spec.template.spec.containers[app].image' });
  await expect(image.getByRole('cell')).toHaveText([
    'spec.template.spec.containers[app].image',
    IMAGE('1.4.2'),
    IMAGE('1.4.1'),
  ]);
  // Still open after the page's next poll (rows are keyed by entry).
  await page.waitForResponse((r) => r.url().includes('/api/audit?'));
  await expect(image).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/activity-before-after.png', fullPage: true });

  const csv = await activity.download('csv');
  const [header, ...lines] = csv.text.trimEnd().split('\r\n');
  expect(header!.split(',').at(-1)).toBe('changes');
  expect(lines.find((l) => l.includes(ids.scale))).toMatch(/,spec\.replicas: 1 → 3$/);
  expect(lines.find((l) => l.includes(ids.rollback))).toContain(
    `spec.template.spec.containers[app].image: ${IMAGE('1.4.2')} → ${IMAGE('1.4.1')}`,
  );

  const jsonl = await activity.download('jsonl');
  const entries = jsonl.text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { requestId: string; changes: unknown });
  expect(entries.find((e) => e.requestId === ids.scale)?.changes).toEqual({
    fields: [{ path: 'spec.replicas', before: '1', after: '3' }],
    omitted: 0,
  });
  expect(entries.find((e) => e.requestId === ids.rollback)?.changes).toMatchObject({
    fields: expect.arrayContaining([
      { path: 'spec.template.spec.containers[app].image', before: IMAGE('1.4.2'), after: IMAGE('1.4.1') },
    ]),
  });
});
