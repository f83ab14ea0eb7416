import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { OverviewPage } from './pages/overview-page';
import { WorkloadMetricsPanel } from './pages/workload-metrics-panel';

// Dark mode (docs/adr/0022-dark-mode.md): the `dark` class on <html> follows the OS setting unless
// the person picked Light or Dark in the sidebar's theme switch; the choice survives a reload and is
// in place before the body is parsed (no flash of the wrong theme), under the nonce-only CSP.

// Records the <html> class at the moment the parser inserts <body>: what the first paint shows.
const RECORD_CLASS_AT_BODY = () => {
  new MutationObserver((_, observer) => {
    if (!document.body) return;
    (window as unknown as { classAtBody: string }).classAtBody = document.documentElement.className;
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
};

async function theme(page: Page) {
  return page.evaluate(() => {
    const body = getComputedStyle(document.body).backgroundColor;
    return {
      dark: document.documentElement.classList.contains('dark'),
      atFirstPaint: (window as unknown as { classAtBody?: string }).classAtBody,
      bodyLuminance: (window as unknown as { luminanceOf: (css: string) => number }).luminanceOf(body),
      stored: localStorage.getItem('wheelhouse-theme'),
    };
  });
}

// Computed colours come back as oklch() from Tailwind 4: let the browser paint one pixel and read
// it back as sRGB. Relative luminance, 0 (black) … 1 (white).
const INSTALL_LUMINANCE = () => {
  (window as unknown as { luminanceOf: (css: string) => number }).luminanceOf = (css: string) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
    const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
};

/** CSP refusals and React hydration errors (the class on <html> differs from the server's on purpose). */
function pageProblems(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|hydrat|Minified React error #(418|425)/i.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

test.beforeEach(async ({ page, signInAs }) => {
  await page.addInitScript(RECORD_CLASS_AT_BODY);
  await page.addInitScript(INSTALL_LUMINANCE);
  await signInAs('alice');
});

test.describe('with the OS in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the dashboard and the sign-in page render dark from the first paint', async ({ page, browser }) => {
    const problems = pageProblems(page);
    const overview = new OverviewPage(page);
    await overview.goto();
    const now = await theme(page);
    expect(now.dark).toBe(true);
    expect(now.atFirstPaint).toContain('dark');
    expect(now.bodyLuminance).toBeLessThan(0.1);
    expect(now.stored).toBeNull();
    // The theme script ran under the CSP with this response's nonce, not through a loosened policy,
    // and React took over the page without a hydration error.
    expect(problems).toEqual([]);

    // Cards and their text follow too (a white card on a dark page would be the classic miss).
    const card = await overview.namespacesCard.evaluate((el) =>
      (window as unknown as { luminanceOf: (css: string) => number }).luminanceOf(getComputedStyle(el).backgroundColor),
    );
    expect(card).toBeLessThan(0.1);

    const anonymous = await browser.newContext({ colorScheme: 'dark' });
    const signIn = await anonymous.newPage();
    await signIn.addInitScript(RECORD_CLASS_AT_BODY);
    await signIn.addInitScript(INSTALL_LUMINANCE);
    await signIn.goto('/sign-in');
    const signInTheme = await theme(signIn);
    expect(signInTheme.atFirstPaint).toContain('dark');
    expect(signInTheme.bodyLuminance).toBeLessThan(0.1);
    await anonymous.close();
  });

  test('Light is kept across a reload, and System follows the OS again', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    const switcher = page.getByTestId('theme-switch');

    await switcher.getByRole('radio', { name: 'Light' }).check();
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(overview.heading).toBeVisible();
    const light = await theme(page);
    expect(light).toMatchObject({ dark: false, stored: 'light' });
    expect(light.atFirstPaint).not.toContain('dark');
    expect(light.bodyLuminance).toBeGreaterThan(0.9);
    await expect(switcher.getByRole('radio', { name: 'Light' })).toBeChecked();

    await switcher.getByRole('radio', { name: 'System' }).check();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    expect((await theme(page)).stored).toBeNull();
    // System tracks the OS while the page is open, without a reload.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);

    // Dark holds even when the OS turns light.
    await switcher.getByRole('radio', { name: 'Dark' }).check();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await expect(overview.heading).toBeVisible();
    expect(await theme(page)).toMatchObject({
      dark: true,
      stored: 'dark',
      atFirstPaint: expect.stringContaining('dark'),
    });
  });

  test('pictures: overview and a workload with its charts, in dark', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    // Picture the loaded page: the seed's namespaces, deployments and attention items are in.
    for (const ns of ['shop-frontend', 'shop-backend', 'data-platform', 'observability']) {
      await expect(overview.namespace(ns)).toBeVisible();
    }
    await expect(overview.deploymentRow('shop-frontend', 'storefront')).toHaveCount(1);
    await expect(page.getByTestId('attention-item').first()).toBeVisible();
    await overview.screenshot('docs/screenshots/overview-dark.png');

    const metrics = new WorkloadMetricsPanel(page);
    await metrics.goto('deployments', 'shop-frontend', 'storefront');
    await expect(metrics.plots).toHaveCount(3);
    // Chart axes read the theme's variables: light ticks on the dark plot, not recharts' defaults.
    const tick = metrics.plots.first().locator('.recharts-cartesian-axis-tick-value').first();
    await expect(tick).toBeVisible();
    const tickLuminance = await tick.evaluate((el) =>
      (window as unknown as { luminanceOf: (css: string) => number }).luminanceOf(getComputedStyle(el).fill),
    );
    expect(tickLuminance).toBeGreaterThan(0.25);
    await page.screenshot({ path: 'docs/screenshots/workload-dark.png', fullPage: true, animations: 'disabled' });
  });
});

test.describe('with the OS in light mode', () => {
  test.use({ colorScheme: 'light' });

  test('System renders light, and a Dark choice wins over the OS', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    const initial = await theme(page);
    expect(initial).toMatchObject({ dark: false, stored: null });
    expect(initial.bodyLuminance).toBeGreaterThan(0.9);

    await page.getByTestId('theme-switch').getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    expect((await theme(page)).bodyLuminance).toBeLessThan(0.1);
  });
});
