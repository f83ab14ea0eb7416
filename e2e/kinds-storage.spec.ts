import { CoreV1Api, KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import type { Locator, Page } from '@playwright/test';

import { clusterPaths } from '../local-cluster/paths';
import { PDBS } from '../local-cluster/seed/policy';
import { STORAGE } from '../local-cluster/seed/storage';
import { expect, test } from './fixtures';

// Storage and disruption budgets as people read them (local-cluster/seed/storage.ts, policy.ts): an
// operator sees the Bound and the Pending claim with the words that explain them, the pod mounting
// the bound claim, its volume and class; a budget's allowed disruptions and the Deployment it covers;
// changes arrive live. bob (team shop) sees the shop-* claims and budgets only, and no volumes.

const { boundClaim, pendingClaim, dataClaim, mountingDeployment } = STORAGE;
const LIVE = { namespace: 'shop-backend', claim: 'e2e-live-claim', pdb: 'e2e-live-pdb', volume: 'e2e-live-volume' };

function admin() {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  kc.setCurrentContext('admin');
  return { core: kc.makeApiClient(CoreV1Api), objects: KubernetesObjectApi.makeApiClient(kc) };
}

// policy/v1beta1: the local cluster is 1.20.
const livePdb = () => ({
  apiVersion: 'policy/v1beta1',
  kind: 'PodDisruptionBudget',
  metadata: { name: LIVE.pdb, namespace: LIVE.namespace },
  spec: { minAvailable: 1, selector: { matchLabels: { app: 'inventory' } } },
});

async function removeLiveObjects(): Promise<void> {
  const { core, objects } = admin();
  await core
    .deleteNamespacedPersistentVolumeClaim({ namespace: LIVE.namespace, name: LIVE.claim })
    .catch(() => undefined);
  await objects.delete(livePdb()).catch(() => undefined);
  await core.deletePersistentVolume({ name: LIVE.volume }).catch(() => undefined);
}

test.beforeAll(removeLiveObjects);
test.afterAll(removeLiveObjects);

const table = (page: Page) => page.getByTestId('resource-table');
/** The body row of an object (its name cell is the row's link). */
function row(page: Page, namespace: string | undefined, name: string): Locator {
  return table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .filter({ hasText: namespace ?? '' });
}
const fact = (page: Page, label: string) => page.locator(`[data-fact="${label}"]`);

test.describe('as an operator', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('alice');
  });

  test('claims: Bound and Pending with the words, the mounting pod, the volume and the class', async ({ page }) => {
    await page.goto('/c/local/persistentvolumeclaims');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('PersistentVolumeClaims');
    const bound = row(page, boundClaim.namespace, boundClaim.name);
    await expect(bound).toContainText('Bound');
    await expect(bound).toContainText(boundClaim.volume);
    await expect(bound).toContainText('5Gi');
    await expect(bound).toContainText('RWO');
    await expect(bound).toContainText(STORAGE.defaultClass);
    await expect(row(page, pendingClaim.namespace, pendingClaim.name)).toContainText('Pending');
    await expect(row(page, dataClaim.namespace, dataClaim.name)).toContainText('ROX,RWX');

    await page.goto(`/c/local/persistentvolumeclaims/${pendingClaim.namespace}/${pendingClaim.name}`);
    await expect(fact(page, 'Status')).toContainText('Pending');
    await expect(fact(page, 'Why pending')).toContainText('No PersistentVolume matches');
    await expect(fact(page, 'Why pending')).toContainText('class standard, at least 50Gi, RWX');
    await expect(page.getByTestId('events-section')).toContainText('no volume plugin matched');

    await page.goto(`/c/local/persistentvolumeclaims/${boundClaim.namespace}/${boundClaim.name}`);
    await expect(fact(page, 'Status')).toContainText('Bound');
    await expect(fact(page, 'Capacity')).toContainText('5Gi');
    await expect(fact(page, 'Access modes')).toContainText('RWO: read-write by one node');
    await expect(fact(page, 'Why pending')).toHaveCount(0);
    const mounting = page.getByTestId('related-pods');
    await expect(mounting).toContainText('Pods mounting this claim (1)');
    await expect(mounting.getByRole('link', { name: new RegExp(`^${mountingDeployment.name}-`) })).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/pvc.png', fullPage: true });

    await fact(page, 'Volume').getByRole('link', { name: boundClaim.volume }).click();
    await expect(page).toHaveURL(`/c/local/persistentvolumes/${boundClaim.volume}`);
    await expect(fact(page, 'Claim')).toContainText(`${boundClaim.namespace}/${boundClaim.name}`);
    await expect(fact(page, 'Reclaim policy')).toContainText('Retain');
    await expect(fact(page, 'Source')).toContainText('hostPath /var/lib/wheelhouse/volumes/shop-invoices');

    await fact(page, 'Storage class').getByRole('link', { name: STORAGE.defaultClass }).click();
    await expect(page).toHaveURL(`/c/local/storageclasses/${STORAGE.defaultClass}`);
    await expect(fact(page, 'Default class')).toContainText('yes');
    await expect(page.getByTestId('related-persistentvolumeclaims')).toContainText(pendingClaim.name);
  });

  test('volumes and classes are listed with kubectl columns; a new volume appears live', async ({ page }) => {
    await page.goto('/c/local/persistentvolumes');
    await expect(row(page, undefined, STORAGE.spareVolume)).toContainText('Available');
    await expect(row(page, undefined, boundClaim.volume)).toContainText(`${boundClaim.namespace}/${boundClaim.name}`);
    await page.goto('/c/local/storageclasses');
    const standard = row(page, undefined, STORAGE.defaultClass);
    await expect(standard).toContainText('default');
    await expect(standard).toContainText('kubernetes.io/no-provisioner');
    await expect(standard).toContainText('Immediate');
    const local = row(page, undefined, STORAGE.localClass);
    await expect(local).toContainText('WaitForFirstConsumer');
    await expect(local).not.toContainText('default');

    // A volume made by hand appears live (Available), and leaves when deleted.
    await page.goto('/c/local/persistentvolumes');
    await expect(row(page, undefined, STORAGE.spareVolume)).toBeVisible();
    const { core } = admin();
    await core.createPersistentVolume({
      body: {
        metadata: { name: LIVE.volume },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          storageClassName: STORAGE.localClass,
          hostPath: { path: '/var/lib/wheelhouse/volumes/e2e' },
        },
      },
    });
    await expect(row(page, undefined, LIVE.volume)).toContainText('Available');
    await core.deletePersistentVolume({ name: LIVE.volume });
    await expect(row(page, undefined, LIVE.volume)).toHaveCount(0);
  });

  test('a new claim appears live, Pending, and leaves when deleted', async ({ page }) => {
    await page.goto('/c/local/persistentvolumeclaims?namespace=shop-backend');
    await expect(row(page, boundClaim.namespace, boundClaim.name)).toBeVisible();
    const { core } = admin();
    await core.createNamespacedPersistentVolumeClaim({
      namespace: LIVE.namespace,
      body: {
        metadata: { name: LIVE.claim },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          storageClassName: 'standard',
        },
      },
    });
    await expect(row(page, LIVE.namespace, LIVE.claim)).toContainText('Pending');
    await core.deleteNamespacedPersistentVolumeClaim({ namespace: LIVE.namespace, name: LIVE.claim });
    await expect(row(page, LIVE.namespace, LIVE.claim)).toHaveCount(0);
  });

  test('budgets: allowed disruptions in words and the Deployment covered', async ({ page }) => {
    const [checkout, payments] = PDBS;
    await page.goto('/c/local/poddisruptionbudgets');
    await expect(row(page, checkout.namespace, checkout.name)).toContainText(String(checkout.allowed));
    const paymentsRow = row(page, payments.namespace, payments.name);
    await expect(paymentsRow).toContainText('N/A');
    await expect(paymentsRow).toContainText('0');

    await page.goto(`/c/local/poddisruptionbudgets/${checkout.namespace}/${checkout.name}`);
    await expect(fact(page, 'Allowed disruptions')).toHaveText(/1/);
    await expect(fact(page, 'Now')).toContainText('1 pod may be evicted now');
    await expect(fact(page, 'Healthy pods')).toContainText('3 healthy, 2 needed');
    const covered = page.getByTestId('pdb-workloads');
    const link = covered.getByRole('link', { name: 'checkout', exact: true });
    await expect(link).toHaveAttribute('href', '/c/local/workloads/deployments/shop-backend/checkout');
    await expect(covered).toContainText('Deployment');
    await expect(covered).toContainText('3 pods');
    await expect(page.getByTestId('related-pods')).toContainText('(3)');
    await page.screenshot({ path: 'docs/screenshots/pdb.png', fullPage: true });

    await page.goto(`/c/local/poddisruptionbudgets/${payments.namespace}/${payments.name}`);
    await expect(fact(page, 'Now')).toContainText('No evictions now');
  });

  test('a new budget appears live and its allowed disruptions follow the controller', async ({ page }) => {
    await page.goto('/c/local/poddisruptionbudgets?namespace=shop-backend');
    await expect(row(page, 'shop-backend', 'checkout')).toBeVisible();
    await admin().objects.create(livePdb());
    // Created with no status (0 allowed); the disruption controller then allows 1 of inventory's 2.
    await expect(row(page, LIVE.namespace, LIVE.pdb)).toContainText('1', { timeout: 30_000 });
  });
});

test.describe('as a developer on team shop', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('bob');
  });

  test('sees the shop-* claims and budgets only, and no volumes or classes', async ({ page }) => {
    await page.goto('/c/local/persistentvolumeclaims');
    await expect(row(page, boundClaim.namespace, boundClaim.name)).toContainText('Bound');
    await expect(row(page, pendingClaim.namespace, pendingClaim.name)).toContainText('Pending');
    await expect(table(page).getByText(dataClaim.namespace)).toHaveCount(0);
    await expect(table(page).getByRole('link', { name: dataClaim.name })).toHaveCount(0);

    const claims = await page.request.get('/api/k8s/local/persistentvolumeclaims');
    expect(claims.status(), await claims.text()).toBe(200);
    const items = ((await claims.json()) as { items: { namespace?: string }[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => i.namespace?.startsWith('shop-'))).toBe(true);

    await page.goto('/c/local/poddisruptionbudgets');
    await expect(row(page, 'shop-backend', 'checkout')).toBeVisible();
    await expect(table(page).getByText('data-platform')).toHaveCount(0);

    const volumes = await page.request.get('/api/k8s/local/persistentvolumes');
    // Refused, or listed as nothing: either way no volume reaches him.
    expect([200, 403]).toContain(volumes.status());
    if (volumes.ok()) expect(((await volumes.json()) as { items: unknown[] }).items).toEqual([]);
    const volume = await page.request.get(`/api/k8s/local/persistentvolumes/_/${boundClaim.volume}`);
    expect(volume.status()).toBe(403);
    await page.goto('/c/local/persistentvolumes');
    await expect(page.getByTestId('resource-table-empty').or(page.getByTestId('error-panel')).first()).toBeVisible();
    await expect(page.getByRole('link', { name: boundClaim.volume })).toHaveCount(0);
  });
});
