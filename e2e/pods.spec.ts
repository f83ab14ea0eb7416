import { expect, test } from './fixtures';
import { PodPage } from './pages/pod-page';
import { WorkloadDetailPage } from './pages/workload-detail-page';

// Pod detail and logs. Logs come from the API server as the signed-in person (pods/log), which
// proxies to the node agent's simulated kubelet; some lines carry HTML and ANSI escapes on purpose.

test.describe('as alice', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('alice');
  });

  test("a pod's logs show hostile text as text", async ({ page }) => {
    const detail = new WorkloadDetailPage(page);
    await detail.goto('deployments', 'shop-backend', 'checkout');
    await detail.pods.getByRole('link').first().click();
    const pod = new PodPage(page);
    // The viewer shows the newest lines; a long-running pod's "starting" line may be out of the tail,
    // so wait for a line the simulated container repeats.
    await expect(pod.logLines).toContainText('serving shop-backend/checkout');
    await expect(pod.logLines.getByText('<script>alert("xss")</script>', { exact: false }).first()).toBeVisible();
    await expect(pod.logLines.locator('script, img, b')).toHaveCount(0);
    await expect(pod.logLines).toContainText('␛[31mERROR␛[0m');
    await pod.search.fill('upstream reset');
    await expect(pod.logLines.getByTestId('log-line').first()).toContainText('upstream reset');
    await pod.search.fill('');
    await pod.screenshot('docs/screenshots/pod-logs.png');
  });

  test("a crash-looping pod's previous instance ends with its exit", async ({ page }) => {
    const detail = new WorkloadDetailPage(page);
    await detail.goto('deployments', 'shop-backend', 'payments');
    const crashing = detail.pods.getByRole('row').filter({ hasText: 'CrashLoopBackOff' }).getByRole('link');
    await crashing.click();
    const pod = new PodPage(page);
    await pod.previous.check();
    await expect(pod.logLines).toContainText('FATAL exiting with code 1');
  });
});

test.describe('as bob', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('bob');
  });

  test('cannot read data-platform pods or their logs', async ({ page }) => {
    const res = await page.request.get('/api/k8s/local/pods?namespace=data-platform');
    expect(res.status()).toBe(200);
    expect((await res.json()).total).toBe(0);
    const mine = await page.request.get('/api/k8s/local/pods?namespace=shop-frontend');
    expect((await mine.json()).total).toBeGreaterThan(0);
    // The API server authorizes pods/log before looking the pod up: 403 whatever the name.
    const log = await page.request.get('/api/k8s/local/pods/data-platform/ingest-abc/log?container=ingest');
    expect(log.status()).toBe(403);
    await page.goto('/c/local/pods?namespace=data-platform');
    await expect(page.getByTestId('resource-table-empty')).toBeVisible();
  });
});
