import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { clients, createNamespace, deleteNamespace, deployment } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { startStandaloneServer, type StandaloneServer } from './support/standalone-server';

// Elevation end to end (issue 4): with WHEELHOUSE_ELEVATION=required, alice's scale is refused until
// she enables changes with a reason; it works while the elevation runs and is refused again once it
// has expired on its own; the Activity page shows the elevation and the scale.
// The shared e2e server runs with elevation off, so this spec starts a second standalone server from
// the same build (WHEELHOUSE_DIST_DIR) on E2E_PORT + 2000 with elevation required and a data directory
// of its own. The shortest elevation the API accepts is one minute, which bounds this test (~75 s).

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2000;
const BASE = `http://127.0.0.1:${PORT}`;
const admin = clients('admin');
const NAME = 'elevation-web';
const reason = `e2e elevation ${randomUUID().slice(0, 8)}`;
let namespace: string;
let server: StandaloneServer | undefined;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  namespace = await createNamespace(admin, 'elevation');
  await admin.apps.createNamespacedDeployment({ namespace, body: deployment(NAME, { replicas: 1 }) });
  server = await startStandaloneServer({
    distDir: process.env.WHEELHOUSE_DIST_DIR || '.next',
    port: PORT,
    dataDir: mkdtempSync(join(tmpdir(), 'wheelhouse-e2e-elevation-')),
    timeoutMs: 90_000,
    env: {
      WHEELHOUSE_CLUSTER_NAME: 'local',
      NEXTAUTH_URL: BASE,
      NEXTAUTH_SECRET: 'e2e-only-elevation-Vq3Hs8Kp1Wz6Nd4Rb9Tc2Lm7',
      WHEELHOUSE_USERS_FILE: join(__dirname, 'support', 'users.yaml'),
      WHEELHOUSE_ELEVATION: 'required',
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (namespace) await deleteNamespace(admin, namespace);
});

async function seen() {
  const d = await admin.apps.readNamespacedDeployment({ name: NAME, namespace });
  return { resourceVersion: d.metadata?.resourceVersion ?? '', generation: d.metadata?.generation ?? 0 };
}

test('alice: refused, elevated for a minute, allowed, refused again after expiry; all on Activity', async ({
  page,
  signInAs,
}) => {
  test.setTimeout(150_000);
  const headers = { Origin: BASE, 'Content-Type': 'application/json' };
  const scale = async (requestId: string, replicas: number) =>
    page.request.post(`/api/k8s/local/deployments/${namespace}/${NAME}/actions/scale`, {
      headers,
      data: { requestId, replicas, reason, ...(await seen()) },
    });

  await signInAs('alice');
  const locked = await scale(randomUUID(), 2);
  expect(locked.status()).toBe(403);
  expect(await locked.json()).toMatchObject({ ok: false, code: 'elevation-required' });
  expect((await admin.apps.readNamespacedDeployment({ name: NAME, namespace })).spec?.replicas).toBe(1);

  const elevate = await page.request.post('/api/elevation', {
    headers,
    data: { cluster: 'local', reason, minutes: 1 },
  });
  expect(elevate.status()).toBe(200);
  const status = (await elevate.json()) as { mode: string; active: { reason: string; expiresAt: string } | null };
  expect(status).toMatchObject({ mode: 'required', active: { reason } });
  const expiresAt = Date.parse(status.active?.expiresAt ?? '');
  expect(expiresAt - Date.now()).toBeLessThanOrEqual(60_000);

  const scaleId = randomUUID();
  const allowed = await scale(scaleId, 2);
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ ok: true, params: { replicas: { from: 1, to: 2 } } });

  // Nothing ends it but time: wait past expiresAt, then the same kind of request is locked again.
  await page.waitForTimeout(Math.max(0, expiresAt - Date.now()) + 1_000);
  const expired = await scale(randomUUID(), 3);
  expect(expired.status()).toBe(403);
  expect(await expired.json()).toMatchObject({ ok: false, code: 'elevation-required' });
  expect((await admin.apps.readNamespacedDeployment({ name: NAME, namespace })).spec?.replicas).toBe(2);
  expect(await (await page.request.get('/api/elevation?cluster=local')).json()).toMatchObject({ active: null });

  const activity = new ActivityPage(page);
  await activity.goto({ user: 'alice' });
  const scaleRow = activity.row(scaleId);
  await expect(scaleRow).toContainText('replicas 1 → 2');
  await expect(scaleRow).toContainText(reason);
  await expect(scaleRow.getByTestId('result-badge')).toHaveText('ok');
  const elevateRow = activity.rows.filter({ hasText: 'elevate' }).filter({ hasText: reason });
  await expect(elevateRow).toHaveCount(1);
  await expect(elevateRow.getByTestId('result-badge')).toHaveText('ok');
});
