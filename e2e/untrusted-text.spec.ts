import { clients, createNamespace, deleteNamespace, waitFor } from '../local-cluster/test/kube';

import { expect, test } from './fixtures';
import { PodPage } from './pages/pod-page';

// Invisible and bidirectional characters from the cluster are shown, not obeyed (issue 11, item 12;
// "Trojan Source", CVE-2021-42574). A pod whose image reads "app:1.0exe.png" in a terminal — the
// bytes are `app:1.0` RLO `gnp.exe` — must read as what it is in the dashboard: in the container
// list, its annotations, its events and its log (the simulated kubelet logs the image name).

const admin = clients('admin');
const RLO = '\u202E';
const IMAGE = `app:1.0${RLO}gnp.exe`;
let ns = '';

test.beforeAll(async () => {
  ns = await createNamespace(admin, 'h4-bidi');
  await admin.core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: {
        name: 'bidi',
        annotations: { note: `invoice${RLO}fdp.exe`, owner: 'ad\u200Bmin', isolate: 'a\u2066b\u2069c' },
      },
      spec: { containers: [{ name: 'app', image: IMAGE }] },
    },
  });
  await admin.core.createNamespacedEvent({
    namespace: ns,
    body: {
      metadata: { name: 'bidi.h4' },
      involvedObject: { kind: 'Pod', name: 'bidi', namespace: ns, apiVersion: 'v1' },
      reason: 'Pulled',
      message: `Pulled image ${IMAGE}\uFEFF`,
      type: 'Normal',
      firstTimestamp: new Date(),
      lastTimestamp: new Date(),
      count: 1,
      source: { component: 'h4-e2e' },
    },
  });
  await waitFor(
    async () => (await admin.core.readNamespacedPod({ name: 'bidi', namespace: ns })).status?.phase === 'Running',
    60_000,
    'pod bidi running',
  );
  // The simulated kubelet names the image in the run's second line (2 s after start); the log view
  // reads once unless followed, so wait until the line exists before the page asks for it.
  await waitFor(
    async () =>
      (await admin.core.readNamespacedPodLog({ name: 'bidi', namespace: ns, container: 'app' })).includes(
        'image app:1.0',
      ),
    60_000,
    'the log line that names the image',
  );
});

test.afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

test('a right-to-left override in an image, annotations, events and logs is shown as a marker', async ({
  page,
  signInAs,
}) => {
  await signInAs('alice');
  const pod = new PodPage(page);
  await pod.goto(ns, 'bidi');

  const containers = page.getByTestId('detail-table-containers');
  await expect(containers).toContainText('app:1.0⟨U+202E⟩gnp.exe');
  await expect(containers.locator('[data-hidden-char="U+202E"]')).toBeVisible();
  // What the browser lays out: no override left in the text, so nothing is reordered.
  expect(await containers.evaluate((el) => (el as HTMLElement).innerText)).not.toContain(RLO);

  const body = page.locator('main');
  await expect(body).toContainText('note=invoice⟨U+202E⟩fdp.exe');
  await expect(body).toContainText('owner=ad⟨U+200B⟩min');
  await expect(body).toContainText('isolate=a⟨U+2066⟩b⟨U+2069⟩c');
  await expect(page.getByTestId('object-events')).toContainText('Pulled image app:1.0⟨U+202E⟩gnp.exe⟨U+FEFF⟩');

  await expect(pod.logLines).toContainText('image app:1.0⟨U+202E⟩gnp.exe');
  await expect(pod.logLines.locator('[data-hidden-char="U+202E"]').first()).toBeVisible();

  // Nowhere on the page does a bidirectional control character survive into the rendered text.
  const rendered = await page.locator('body').evaluate((el) => (el as HTMLElement).innerText);
  expect(rendered).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/);
});

test('the events table shows the marker in the message column', async ({ page, signInAs }) => {
  await signInAs('alice');
  await page.goto(`/c/local/events?namespace=${ns}`);
  await expect(page.locator('main')).toContainText('Pulled image app:1.0⟨U+202E⟩gnp.exe⟨U+FEFF⟩');
  const rendered = await page.locator('main').evaluate((el) => (el as HTMLElement).innerText);
  expect(rendered).not.toContain(RLO);
});
