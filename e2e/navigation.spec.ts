import type { Page } from '@playwright/test';

import { SECRET_MARKER } from '../local-cluster/seed/config';
import { expect, test } from './fixtures';
import type { LocalUserName } from './support/test-accounts';

// Every entry in the sidebar opens a working page: a heading, data or a plain statement of why there
// is none, never a placeholder and never a failure. Every listed kind with a detail page opens one
// from its first row, with its YAML. Done as an operator and as a developer, and no page or API
// answer on the way carries a Secret's value or a Helm release's values or manifest (the seed writes
// SECRET_MARKER into each; a release's notes, rendered from its values, are shown with the values hidden).

const NEVER_SHOWN = ['-db-password', '-token', '-query', '-helm-values', '-helm-manifest'].map(
  (s) => SECRET_MARKER + s,
);

async function sidebarLinks(page: Page): Promise<{ title: string; href: string }[]> {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeVisible();
  return nav
    .getByRole('link')
    .evaluateAll((links) =>
      links.map((a) => ({ title: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
    );
}

for (const user of ['alice', 'bob'] as const satisfies readonly LocalUserName[]) {
  test(`as ${user}: every sidebar entry is a working page, and each list opens a detail`, async ({
    page,
    signInAs,
  }) => {
    test.setTimeout(240_000);
    await signInAs(user);
    const leaks: string[] = [];
    const seen: Promise<void>[] = [];
    page.on('response', (response) => {
      // The event stream never ends (its body would never resolve); its events are checked by the
      // pages they update, which this crawl reads.
      if ((response.headers()['content-type'] ?? '').includes('text/event-stream')) return;
      seen.push(
        response
          .text()
          .then((body) => {
            for (const m of NEVER_SHOWN) if (body.includes(m)) leaks.push(`${m} in ${response.url()}`);
          })
          .catch(() => undefined), // redirects and aborted requests have no body
      );
    });
    await page.goto('/c/local/overview');
    const links = await sidebarLinks(page);
    expect(links.length).toBeGreaterThanOrEqual(8);
    for (const { title, href } of links) {
      const response = await page.goto(href);
      expect(response?.status(), `${title} (${href})`).toBe(200);
      await expect(page.getByRole('heading', { level: 1 }), title).toBeVisible();
      await expect(page.getByText(/coming soon/i), title).toHaveCount(0);
      const list = page.getByTestId('resource-list');
      if ((await list.count()) === 0) continue;
      // A generic list settles on rows, an empty statement, or a refusal that names the permission.
      const table = list.getByTestId('resource-table');
      const firstLink = table.getByRole('row').nth(1).getByRole('link').first();
      const settled = firstLink.or(list.getByTestId('resource-table-empty')).or(list.getByTestId('error-panel'));
      await expect(settled.first(), title).toBeVisible();
      if (!(await firstLink.isVisible())) continue;
      const name = (await firstLink.textContent())?.trim() ?? '';
      await firstLink.click();
      const detail = page.getByTestId('resource-detail');
      await expect(detail, `${title}: ${name}`).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 }), `${title}: ${name}`).toContainText(name);
      await expect(detail.getByRole('heading', { name: 'YAML' })).toBeVisible();
      await expect(detail.getByTestId('error-panel')).toHaveCount(0);
    }
    await Promise.all(seen);
    expect(leaks).toEqual([]);
  });
}

// The Overview and the lists have no loading.tsx (their rows belong in the first paint, ADR 0018): a
// click in the sidebar marks its link as pending until the next page's answer is in.
test('a sidebar click shows its link pending until the page arrives', async ({ page, signInAs }) => {
  await signInAs('alice');
  await page.goto('/c/local/pods');
  let release: () => void = () => undefined;
  const held = new Promise<void>((done) => (release = done));
  await page.route(
    (url) => url.pathname === '/c/local/overview',
    async (route) => {
      if (route.request().headers()['rsc'] === '1') await held;
      await route.continue();
    },
  );
  const link = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Overview' });
  await link.click();
  await expect(link.getByTestId('nav-pending')).toBeVisible();
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(link.getByTestId('nav-pending')).toHaveCount(0);
  await expect(link).toHaveAttribute('aria-current', 'page');
});
