import { randomUUID } from 'node:crypto';

import { clients, createNamespace, deleteNamespace, deployment } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';

// The audit log end to end: a forged scale as bob (refused by Kubernetes) and a scale as alice with
// her reason, both made through the real actions API against the local cluster, then found on the
// Activity page with its filters and in the CSV / JSON lines export.

const admin = clients('admin');
let namespace: string;
const NAME = 'activity-web';
const reason = `e2e activity ${randomUUID().slice(0, 8)}`;
const requestIds = { alice: randomUUID(), bob: randomUUID() };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  namespace = await createNamespace(admin, 'activity');
  await admin.apps.createNamespacedDeployment({ namespace, body: deployment(NAME, { replicas: 1 }) });
});

test.afterAll(async () => {
  if (namespace) await deleteNamespace(admin, namespace);
});

async function seen() {
  const d = await admin.apps.readNamespacedDeployment({ name: NAME, namespace });
  return { resourceVersion: d.metadata?.resourceVersion ?? '', generation: d.metadata?.generation ?? 0 };
}

test('scales as bob and alice are recorded and shown, filtered and exported', async ({ page, baseURL, signInAs }) => {
  const scale = async (requestId: string, replicas: number, why?: string) =>
    page.request.post(`/api/k8s/local/deployments/${namespace}/${NAME}/actions/scale`, {
      headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
      data: { requestId, replicas, reason: why, ...(await seen()) },
    });

  await signInAs('bob');
  const forged = await scale(requestIds.bob, 5);
  expect(forged.status()).toBe(403);

  await signInAs('alice');
  const allowed = await scale(requestIds.alice, 2, reason);
  expect(allowed.status()).toBe(200);

  const activity = new ActivityPage(page);
  await activity.goto({ namespace });
  await expect(activity.rows).toHaveCount(2);
  const aliceRow = activity.row(requestIds.alice);
  await expect(aliceRow).toContainText('alice');
  await expect(aliceRow).toContainText('replicas 1 → 2');
  await expect(aliceRow).toContainText(reason);
  await expect(aliceRow.getByTestId('result-badge')).toHaveText('ok');
  await expect(activity.row(requestIds.bob).getByTestId('result-badge')).toHaveText('denied');

  await activity.applyFilters({ result: 'denied' });
  expect(new URL(page.url()).searchParams.get('result')).toBe('denied');
  await expect(activity.rows).toHaveCount(1);
  await expect(activity.row(requestIds.bob)).toContainText('bob');

  const csv = await activity.download('csv');
  expect(csv.download.suggestedFilename()).toMatch(/^wheelhouse-audit-local-.*\.csv$/);
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^time,finished_at,user,groups,cluster,kind,namespace,name,action,/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,bob,wheelhouse:developers,local,Deployment,${namespace},${NAME},scale,`);
  expect(lines[1]).toContain(',denied,403,');
  expect(lines[1]).toContain(requestIds.bob);

  await activity.applyFilters({ result: '' as string, user: 'alice' });
  await expect(activity.rows).toHaveCount(1);
  const jsonl = await activity.download('jsonl');
  const entries = jsonl.text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { requestId: string; result: string; reason?: string });
  expect(entries).toEqual([expect.objectContaining({ requestId: requestIds.alice, result: 'ok', reason })]);
});

// ADR 0018: the open Activity page polls its newest page; an action taken elsewhere shows up on it
// without a reload.
test('an action shows up on the open Activity page', async ({ page, baseURL, signInAs }) => {
  await signInAs('alice');
  const activity = new ActivityPage(page);
  await activity.goto({ namespace });
  await expect(activity.rows).toHaveCount(2);
  const requestId = randomUUID();
  const res = await page.request.post(`/api/k8s/local/deployments/${namespace}/${NAME}/actions/scale`, {
    headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
    data: { requestId, replicas: 1, reason: `${reason} live`, ...(await seen()) },
  });
  expect(res.status()).toBe(200);
  await expect(activity.rows).toHaveCount(3);
  await expect(activity.row(requestId)).toContainText('replicas 2 → 1');
  await expect(activity.row(requestId).getByTestId('result-badge')).toHaveText('ok');
});

test('bob sees his own attempt but not changes in a namespace he cannot read', async ({ page, signInAs }) => {
  await signInAs('bob');
  const activity = new ActivityPage(page);
  await activity.goto({ namespace });
  await expect(activity.rows).toHaveCount(1);
  await expect(activity.row(requestIds.bob)).toBeVisible();
  await expect(activity.row(requestIds.alice)).toHaveCount(0);
  const res = await page.request.get(`/api/audit/export?cluster=local&format=jsonl&namespace=${namespace}`);
  expect(res.headers()['cache-control']).toBe('private, no-store');
  const ids = (await res.text())
    .trimEnd()
    .split('\n')
    .map((l) => (JSON.parse(l) as { requestId: string }).requestId);
  expect(ids).toEqual([requestIds.bob]);
});

test('invalid filters are explained, not a crash', async ({ page, signInAs }) => {
  await signInAs('alice');
  const activity = new ActivityPage(page);
  await activity.goto({ result: 'maybe' });
  await expect(page.getByTestId('error-panel')).toContainText('Invalid filter');
  const res = await page.request.get('/api/audit/export?cluster=local&format=xml');
  expect(res.status()).toBe(400);
});

test('the elevation API answers as configured and refuses bad requests', async ({ page, baseURL, signInAs }) => {
  await signInAs('alice');
  // The e2e server runs with the default WHEELHOUSE_ELEVATION=off: nothing to enable.
  const status = await page.request.get('/api/elevation?cluster=local');
  expect(status.status()).toBe(200);
  expect(status.headers()['cache-control']).toBe('private, no-store');
  expect(await status.json()).toEqual({ mode: 'off', maxMinutes: 60, active: null });
  const start = await page.request.post('/api/elevation', {
    headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
    data: { cluster: 'local', reason: 'e2e', minutes: 15 },
  });
  expect(start.status()).toBe(409);
  const crossSite = await page.request.post('/api/elevation', {
    headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
    data: { cluster: 'local', reason: 'e2e', minutes: 15 },
  });
  expect(crossSite.status()).toBe(403);
  const invalid = await page.request.post('/api/elevation', {
    headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
    data: { cluster: 'local', reason: '', minutes: 100000 },
  });
  expect(invalid.status()).toBe(400);
});

test('nobody signed in gets 401 from the audit and elevation APIs', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    expect((await anonymous.get('/api/elevation?cluster=local')).status()).toBe(401);
    expect((await anonymous.get('/api/audit/export?cluster=local&format=csv')).status()).toBe(401);
  } finally {
    await anonymous.dispose();
  }
});
