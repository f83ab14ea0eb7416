import { clients, createNamespace, deleteNamespace, waitFor } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { PodPage } from './pages/pod-page';

// The pod page on the generic detail shell (issue 12, "Pod detail, completed"): init containers and
// their logs, probes as kubectl describe prints them, requests and limits against usage, where the
// environment comes from (names, never values), volumes, QoS, and live updates.

const admin = clients('admin');
const SECRET_VALUE = 'pod-detail-secret-value-e2e-7f3k';
const LITERAL_VALUE = 'pod-detail-literal-value-e2e-9q2m';
let ns = '';

test.beforeAll(async () => {
  ns = await createNamespace(admin, 'pod-detail');
  await admin.core.createNamespacedConfigMap({
    namespace: ns,
    body: { metadata: { name: 'web-config' }, data: { MODE: 'a' } },
  });
  await admin.core.createNamespacedSecret({
    namespace: ns,
    body: { metadata: { name: 'web-secrets' }, stringData: { password: SECRET_VALUE } },
  });
  await admin.core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name: 'web' },
      spec: {
        initContainers: [{ name: 'migrate', image: 'shop/migrate:1.0' }],
        containers: [
          {
            name: 'web',
            image: 'shop/web:1.0',
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
            readinessProbe: { tcpSocket: { port: 8080 } },
            env: [
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'web-secrets', key: 'password' } } },
              { name: 'GREETING', value: LITERAL_VALUE },
            ],
            envFrom: [{ configMapRef: { name: 'web-config' } }],
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/web' }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'web-config' } }],
      },
    },
  });
  await waitFor(
    async () => (await admin.core.readNamespacedPod({ name: 'web', namespace: ns })).status?.phase === 'Running',
    60_000,
    'pod web running',
  );
});

test.afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

test('an operator reads the whole pod: containers, probes, env sources, volumes, usage and init logs', async ({
  page,
  signInAs,
}) => {
  await signInAs('alice');
  const pod = new PodPage(page);
  await pod.goto(ns, 'web');

  const facts = page.getByTestId('detail-facts');
  await expect(facts.locator('[data-fact="QoS class"]')).toContainText('Burstable');
  await expect(facts.locator('[data-fact="Status"]')).toContainText('Running');

  const containers = page.getByTestId('detail-table-containers');
  await expect(containers.getByRole('row', { name: /migrate/ })).toContainText('init');
  await expect(containers.getByRole('row', { name: /web/ }).last()).toContainText('cpu 100m, memory 64Mi');

  const probes = page.getByTestId('detail-table-probes');
  await expect(probes).toContainText(
    'http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3',
  );
  await expect(probes).toContainText('tcp-socket :8080');

  const env = page.getByTestId('detail-table-env');
  await expect(env.getByRole('row', { name: /DB_PASSWORD/ })).toContainText('web-secrets');
  await expect(env.getByRole('row', { name: /all keys/ })).toContainText('web-config');
  await expect(page.getByTestId('detail-table-volumes')).toContainText('ConfigMap web-config');

  // Usage against requests and limits, one row per container (init included).
  const usage = page.getByTestId('container-usage');
  await expect(usage.locator('[data-container="web"]')).toContainText('req 100m / lim 500m');
  await expect(usage.locator('[data-container="migrate"]')).toBeVisible();

  // The init container's log is one pick away.
  await expect(pod.logs.getByRole('combobox').first()).toHaveValue('web');
  await expect(pod.logs.getByRole('combobox').first()).toContainText('migrate');

  // The Secret's value is nowhere on the page; a literal variable's value is only in the YAML (the spec
  // as written, which the person may read), not in the environment table.
  expect(await page.content()).not.toContain(SECRET_VALUE);
  expect(await env.innerText()).not.toContain(LITERAL_VALUE);

  // Live: a label added as admin appears without a reload.
  await admin.core.patchNamespacedPod({
    name: 'web',
    namespace: ns,
    body: [{ op: 'add', path: '/metadata/labels', value: { tier: 'live-check' } }],
  });
  await expect(page.locator('main')).toContainText('tier=live-check');
  await page.screenshot({ path: 'docs/screenshots/pod-detail.png', fullPage: true });
});
