import { expect, test } from './fixtures';
import { ClusterHeader } from './pages/cluster-header';
import { OverviewPage } from './pages/overview-page';

// The cluster registry as a person sees it: the header's version and reachability, GET /api/clusters,
// and unknown clusters. (Outages are covered by server/k8s/watch-resume.int.test.ts and
// app/api/clusters/clusters.int.test.ts: taking the shared API server down here would disturb others.)

test.beforeEach(async ({ signInAs }) => {
  await signInAs('bob');
});

test('the header shows the cluster, its version and that it is connected', async ({ page }) => {
  await new OverviewPage(page).goto();
  const header = new ClusterHeader(page);
  await expect(header.name).toHaveText('local');
  await expect(header.reachability).toContainText('Connected');
  await expect(header.version).toHaveText('v1.20.2');
  // One configured cluster: no switcher.
  await expect(header.switcher).toHaveCount(0);
});

test('GET /api/clusters reports each cluster to a signed-in person only', async ({ page, playwright, baseURL }) => {
  const res = await page.request.get('/api/clusters');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('private, no-store');
  const body = (await res.json()) as {
    clusters: { name: string; reachable: boolean; version?: { gitVersion: string } }[];
  };
  expect(body.clusters).toEqual([
    expect.objectContaining({
      name: 'local',
      reachable: true,
      version: expect.objectContaining({ gitVersion: 'v1.20.2' }),
    }),
  ]);

  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    expect((await anonymous.get('/api/clusters')).status()).toBe(401);
  } finally {
    await anonymous.dispose();
  }
});

test('an unknown cluster is a 404, in pages and in the API', async ({ page }) => {
  const res = await page.goto('/c/elsewhere/overview');
  expect(res?.status()).toBe(404);
  const api = await page.request.get('/api/k8s/elsewhere/pods');
  expect(api.status()).toBe(404);
});
