import { clients, createNamespace, deleteNamespace, deployment, mergePatch, waitFor } from '../local-cluster/test/kube';

import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { WorkloadDetailPage } from './pages/workload-detail-page';

// One live stream per tab (STYLE.md rule 12). A Deployment's page has two live parts: the detail
// (its own object) and the workload panel (its ReplicaSets and pods). Each used to open a stream of
// its own, and every stream counts against the person's stream limit. Both must share one, and both
// must still update from it.

const admin = clients('admin');
let ns = '';

test.beforeAll(async () => {
  ns = await createNamespace(admin, 'live-stream');
  await admin.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web', { replicas: 1 }) });
  await waitFor(
    async () => (await admin.apps.readNamespacedDeployment({ name: 'web', namespace: ns })).status?.readyReplicas === 1,
    60_000,
    'web ready',
  );
});

test.afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

interface Streams {
  opened: string[];
  open: number;
}

test.beforeEach(async ({ signInAs, page }) => {
  await signInAs('alice');
  // Counts the tab's EventSources: every one opened, and how many are not closed.
  await page.addInitScript(() => {
    const Native = window.EventSource;
    const all: EventSource[] = [];
    const opened: string[] = [];
    class Counted extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        all.push(this);
        opened.push(String(url));
      }
    }
    window.EventSource = Counted;
    (window as unknown as { streams: () => Streams }).streams = () => ({
      opened: [...opened],
      open: all.filter((s) => s.readyState !== Native.CLOSED).length,
    });
  });
});

async function streams(page: Page): Promise<Streams> {
  return page.evaluate(() => (window as unknown as { streams: () => Streams }).streams());
}

function subsOf(url: string): string[] {
  return new URL(url, 'http://x').searchParams.getAll('sub').sort();
}

test("a Deployment's page opens one stream for its detail and its workload panel, and both update from it", async ({
  page,
}) => {
  const detail = new WorkloadDetailPage(page);
  await detail.goto('deployments', ns, 'web');
  const [first] = (await admin.core.listNamespacedPod({ namespace: ns })).items;
  await expect(detail.pods.getByText(first?.metadata?.name ?? 'no pod')).toBeVisible();

  await expect.poll(async () => (await streams(page)).open).toBe(1);
  const { opened } = await streams(page);
  const last = opened.at(-1) ?? '';
  expect(subsOf(last)).toEqual(
    expect.arrayContaining([`local:deployments:${ns}:web`, `local:pods:${ns}`, `local:replicasets:${ns}`]),
  );

  // Scale to 2: the detail's counts and the panel's pods both come from the one stream.
  await admin.apps.patchNamespacedDeployment(
    { name: 'web', namespace: ns, body: { spec: { replicas: 2 } } },
    mergePatch,
  );
  await expect(detail.count('desired')).toContainText('2');
  await waitFor(
    async () => (await admin.core.listNamespacedPod({ namespace: ns })).items.length === 2,
    60_000,
    'two pods',
  );
  for (const pod of (await admin.core.listNamespacedPod({ namespace: ns })).items) {
    await expect(detail.pods.getByText(pod.metadata?.name ?? 'no pod')).toBeVisible();
  }
  expect((await streams(page)).open).toBe(1);

  // In-app navigation swaps the subscriptions: still one stream open.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Pods', exact: true }).click();
  await expect(page).toHaveURL(/\/c\/local\/pods$/);
  await expect.poll(async () => subsOf((await streams(page)).opened.at(-1) ?? '')).toContain('local:pods');
  expect(subsOf((await streams(page)).opened.at(-1) ?? '')).not.toContain(`local:deployments:${ns}:web`);
  expect((await streams(page)).open).toBe(1);
});
