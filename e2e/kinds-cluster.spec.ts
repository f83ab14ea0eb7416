import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { Locator, Page } from '@playwright/test';

import { clusterPaths } from '../local-cluster/paths';
import { LIMIT_RANGE, QUOTA } from '../local-cluster/seed/quotas';
import { expect, test } from './fixtures';

// The cluster group as people read it (local-cluster/seed/quotas.ts, the three simulated nodes): an
// operator opens Nodes from the sidebar, sees a node Ready with its allocation bars, usage and pods,
// live; opens a namespace and sees its quota near its limit as bars. bob may not list nodes (and is
// told so), and sees his shop namespaces and their quotas only.

const NODE = 'wh-node-1';
const LIVE = { namespace: `e2e-node-live-${Date.now().toString(36)}`, pod: 'pinned-to-node' };

function core(): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  kc.setCurrentContext('admin');
  return kc.makeApiClient(CoreV1Api);
}

async function removeLiveObjects(): Promise<void> {
  await core()
    .deleteNamespace({ name: LIVE.namespace })
    .catch(() => undefined);
}

test.beforeAll(removeLiveObjects);
test.afterAll(removeLiveObjects);

const table = (page: Page) => page.getByTestId('resource-table');
function row(page: Page, namespace: string | undefined, name: string): Locator {
  return table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .filter({ hasText: namespace ?? '' });
}
const fact = (page: Page, label: string) => page.locator(`[data-fact="${label}"] dd`);

/** A pod the API server says runs on the node, outside any namespace of bob's. */
async function aPodOn(node: string): Promise<string> {
  const pods = await core().listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node},status.phase=Running` });
  const pod = pods.items.find((p) => p.metadata?.namespace === 'shop-backend') ?? pods.items[0];
  if (!pod?.metadata) throw new Error(`no running pod on ${node}`);
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

test.describe('as an operator', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('alice');
  });

  test('Nodes from the sidebar: Ready, allocation bars, usage and the pods on it, live', async ({ page }) => {
    await page.goto('/c/local/overview');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Nodes', exact: true }).click();
    await expect(page).toHaveURL('/c/local/nodes');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nodes');
    for (const n of ['wh-node-1', 'wh-node-2', 'wh-node-3']) {
      await expect(row(page, undefined, n)).toContainText('Ready');
      await expect(row(page, undefined, n)).toContainText('v1.20.2');
    }

    await row(page, undefined, NODE).getByRole('link', { name: NODE, exact: true }).click();
    await expect(page).toHaveURL(`/c/local/nodes/${NODE}`);
    await expect(fact(page, 'Status')).toHaveText('Ready');
    await expect(fact(page, 'MemoryPressure')).toHaveText('No');
    await expect(fact(page, 'DiskPressure')).toHaveText('No');
    await expect(fact(page, 'Scheduling')).toHaveText('Enabled');
    await expect(fact(page, 'Kubelet')).toHaveText('v1.20.2');
    await expect(fact(page, 'OS / arch')).toHaveText('linux/amd64');
    await expect(page.getByTestId('section-taints')).toContainText('No taints');
    await expect(page.getByTestId('section-capacity')).toContainText('256Gi');

    // requests, limits and usage of cpu and memory, and pods: one bar each against allocatable.
    const allocation = page.getByTestId('node-allocation');
    await expect(allocation.getByRole('meter')).toHaveCount(7);
    await expect(page.getByTestId('node-usage')).toContainText('Usage from metrics.k8s.io');
    const known = await aPodOn(NODE);
    const pods = page.getByTestId('node-pods');
    await expect(pods.getByRole('link', { name: known, exact: true })).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/node.png', fullPage: true });

    // A pod scheduled on the node appears in its list and its sums without a reload.
    const api = core();
    await api.createNamespace({ body: { metadata: { name: LIVE.namespace } } });
    await api.createNamespacedPod({
      namespace: LIVE.namespace,
      body: {
        metadata: { name: LIVE.pod, annotations: { 'sim.wheelhouse.dev/ready-after': '1s' } },
        spec: {
          nodeName: NODE,
          // A namespace this fresh may not have its ServiceAccount token yet.
          automountServiceAccountToken: false,
          containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '123m', memory: '77Mi' } } }],
        },
      },
    });
    const livePod = pods.getByTestId('node-pod').filter({ hasText: `${LIVE.namespace}/${LIVE.pod}` });
    await expect(livePod).toContainText('123m / 77Mi');
  });

  test('a namespace: its quota near its limit as bars, its limit range, what needs attention', async ({ page }) => {
    await page.goto('/c/local/namespaces');
    await row(page, undefined, QUOTA.namespace).getByRole('link', { name: QUOTA.namespace, exact: true }).click();
    await expect(page).toHaveURL(`/c/local/namespaces/${QUOTA.namespace}`);
    await expect(fact(page, 'Status')).toHaveText('Active');
    const quota = page.getByTestId('namespace-quota').filter({ hasText: QUOTA.name });
    const cpu = quota.getByRole('row').filter({ hasText: 'requests.cpu' });
    await expect(cpu).toContainText('1.75');
    // The seeded workloads hold at least 80% of the quota's cpu requests (amber or red).
    const meter = cpu.getByRole('meter');
    await expect(meter).toHaveAttribute('aria-valuenow', /^(8\d|9\d|100)$/);
    await expect(page.getByTestId('related-limitranges')).toContainText(LIMIT_RANGE.name);
    // The seeded stuck rollout of payments is what needs attention here.
    await expect(page.getByTestId('namespace-attention')).toContainText('payments');
    await expect(page.getByTestId('namespace-panel')).toContainText(
      /Quota nearest its limit\s*8\d% requests\.(cpu|memory)/,
    );
    await page.screenshot({ path: 'docs/screenshots/namespace.png', fullPage: true });

    await quota.getByRole('link', { name: QUOTA.name }).click();
    await expect(page).toHaveURL(`/c/local/resourcequotas/${QUOTA.namespace}/${QUOTA.name}`);
    await expect(fact(page, 'Nearest its limit')).toContainText('%');
    await expect(page.getByTestId('detail-table-quota-usage').getByRole('meter')).toHaveCount(5);

    await page.goto(`/c/local/limitranges/${LIMIT_RANGE.namespace}/${LIMIT_RANGE.name}`);
    const limits = page.getByTestId('detail-table-limits');
    await expect(limits.getByRole('row').filter({ hasText: 'Container' }).filter({ hasText: 'cpu' })).toContainText(
      '50m',
    );
  });
});

test.describe('as bob (team shop)', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('bob');
  });

  test('may not list nodes, and is told so; sees his namespaces and their quotas only', async ({ page }) => {
    await page.goto('/c/local/nodes');
    const empty = page.getByTestId('resource-table-empty');
    await expect(empty).toContainText('You may not list Nodes');
    await expect(empty).toHaveAttribute('data-denied', 'true');
    const answer = await page.request.get(`/api/nodes/local/${NODE}`);
    expect(answer.status()).toBe(403);

    await page.goto('/c/local/namespaces');
    await expect(row(page, undefined, 'shop-backend')).toBeVisible();
    await expect(row(page, undefined, 'shop-frontend')).toBeVisible();
    await expect(table(page).getByRole('link')).toHaveCount(2);

    await page.goto('/c/local/resourcequotas');
    await expect(row(page, QUOTA.namespace, QUOTA.name)).toBeVisible();
    const listed = await page.request.get('/api/k8s/local/resourcequotas?limit=1000');
    const body = (await listed.json()) as { items: { namespace: string }[] };
    expect(body.items.every((q) => q.namespace.startsWith('shop-'))).toBe(true);
  });
});
