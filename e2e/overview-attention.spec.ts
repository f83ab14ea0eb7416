import { expect, test } from './fixtures';
import { OverviewAttention } from './pages/overview-attention';
import { OverviewPage } from './pages/overview-page';

// The Overview's "needs attention" is the server's bounded summary (ADR 0023), read as the person:
// bob (developers, shop-* only) sees the seeded stuck rollout and nothing outside his namespaces;
// the answer carries counts and at most `top` items per category; bad input is refused in words.

test('as bob: only shop-* items and namespaces, with the stuck payments rollout', async ({ page, signInAs }) => {
  await signInAs('bob');
  const overview = new OverviewPage(page);
  const attention = new OverviewAttention(page);
  await overview.goto();
  await expect(attention.item('shop-backend', 'payments', 'Rollout stuck')).toBeVisible({ timeout: 30_000 });
  const links = await attention.items.getByRole('link').allTextContents();
  const named = links.filter((t) => t.includes('/'));
  expect(named.length).toBeGreaterThan(0);
  for (const t of named) expect(t).toMatch(/^shop-/);
  const namespaces = await overview.namespacesCard.getByTestId('namespace-name').allTextContents();
  expect(namespaces.length).toBeGreaterThan(0);
  for (const ns of namespaces) expect(ns).toMatch(/^shop-/);
});

test('as alice: the answer counts everything and sends at most `top` items per category', async ({
  page,
  signInAs,
}) => {
  await signInAs('alice');
  const res = await page.request.get('/api/k8s/local/attention?top=1');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    categories: Record<string, { count: number; items: { namespace: string; name: string }[] }>;
  };
  for (const c of Object.values(body.categories)) expect(c.items.length).toBe(Math.min(1, c.count));
  // The counts do not depend on how many items are sent.
  const all = await page.request.get('/api/k8s/local/attention?top=100');
  const full = (await all.json()) as typeof body;
  for (const [id, c] of Object.entries(full.categories)) expect(body.categories[id]?.count).toBe(c.count);
  expect(full.categories.stuck?.items.map((i) => `${i.namespace}/${i.name}`)).toContain('shop-backend/payments');

  // The crash-looping payments pod is between restarts part of the time (Running 0/1): wait for it.
  await expect
    .poll(
      async () => {
        const r = (await (await page.request.get('/api/k8s/local/attention?top=100')).json()) as typeof body;
        return r.categories.pods?.items.some((i) => i.namespace === 'shop-backend' && i.name.startsWith('payments-'));
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  const bad = await page.request.get('/api/k8s/local/attention?top=0');
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('top must be at least 1');
});
