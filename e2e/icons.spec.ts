import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { OverviewPage } from './pages/overview-page';

// Issue 10 §1: every page asked for /favicon.ico and got a 404 in the console. The sign-in page and
// the Overview now load with no console error and no failed request, and the icons they link (and
// the web manifest's icons) are served to someone who has not signed in yet.

function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // Navigations and streams that the page itself ends are not failures of a resource.
    if (!/ERR_ABORTED/.test(r.failure()?.errorText ?? '')) problems.push(`failed ${r.url()}`);
  });
  return { problems };
}

test('the sign-in page loads its icons with no console error', async ({ page }) => {
  const { problems } = watch(page);
  const icons: string[] = [];
  page.on('response', (r) => {
    if (/\/(favicon\.ico|icon\.svg|apple-icon\.png|manifest\.webmanifest)/.test(r.url())) icons.push(r.url());
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  // The browser fetches the icon after load; wait for it rather than for time.
  await expect.poll(() => icons.some((u) => u.includes('/icon.svg'))).toBe(true);
  expect(problems).toEqual([]);
});

test('icons and the web manifest are served without a session', async ({ request }) => {
  for (const [path, type] of [
    ['/favicon.ico', 'image/x-icon'],
    ['/icon.svg', 'image/svg+xml'],
    ['/apple-icon.png', 'image/png'],
    ['/icons/icon-192.png', 'image/png'],
    ['/icons/icon-512.png', 'image/png'],
  ] as const) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type'], path).toContain(type);
  }
  const manifest = await request.get('/manifest.webmanifest', { maxRedirects: 0 });
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { name: string; icons: { src: string }[] };
  expect(body.name).toBe('Wheelhouse');
  for (const icon of body.icons)
    expect((await request.get(icon.src, { maxRedirects: 0 })).status(), icon.src).toBe(200);
});

test('the Overview loads with no console error and no failed request', async ({ page, signInAs }) => {
  await signInAs('alice');
  const { problems } = watch(page);
  const overview = new OverviewPage(page);
  await overview.goto();
  await expect(page.getByTestId('cluster-reachability')).toContainText('Connected');
  await expect(overview.errorPanels).toHaveCount(0);
  expect(problems).toEqual([]);
  // Headless Chromium does not ask for /favicon.ico by itself, so ask the way a browser tab does:
  // the linked icon and /favicon.ico, with the session cookie (that was the 404 in every console).
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveCount(1);
  const linked = await icon.getAttribute('href');
  expect((await page.request.get(linked ?? '', { maxRedirects: 0 })).status()).toBe(200);
  expect((await page.request.get('/favicon.ico', { maxRedirects: 0 })).status()).toBe(200);
});
