import { SignInPage, UserMenu } from './pages/sign-in-page';
import { expect, test } from './fixtures';

// OpenID Connect against a real provider (oidc-provider on loopback, e2e/support/oidc-server.ts):
// authorization code + PKCE + state, ID token groups mapped to Kubernetes groups.

declare global {
  interface Window {
    __sse?: { es: EventSource; opened: number; errors: number };
  }
}

test('sign in through the identity provider, see who you are, sign out and lose the live stream', async ({
  page,
  context,
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.providerButton('Test IdP').click();

  // The provider's own login page (another origin).
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill('carol');
  await page.locator('input[name="password"]').fill('any password works on the dev login page');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  await expect(page).toHaveURL(/\/c\/local\/overview$/);
  const menu = new UserMenu(page);
  await expect(menu.user).toHaveText('oidc:carol');
  // `ops` is mapped to wheelhouse:operators; unmapped groups get the prefix.
  await expect(menu.groups).toContainText('wheelhouse:operators');
  await expect(menu.groups).toContainText('oidc:everyone');

  // Nothing from the provider reaches the browser: no ID/access/refresh token, no e-mail.
  const session = await (await page.request.get('/api/auth/session')).json();
  expect(session.user).toEqual({ name: 'oidc:carol', groups: ['oidc:everyone', 'wheelhouse:operators'] });
  expect(JSON.stringify(session)).not.toMatch(/token|eyJ|@example\.test/i);

  // An open live-update stream in this tab...
  await page.evaluate(() => {
    const es = new EventSource('/api/stream?sub=local:deployments');
    window.__sse = { es, opened: 0, errors: 0 };
    es.onopen = () => window.__sse!.opened++;
    es.onerror = () => window.__sse!.errors++;
  });
  await expect.poll(() => page.evaluate(() => window.__sse?.opened ?? 0)).toBe(1);

  // ...is closed by the server when the person signs out in another tab; the reconnect is refused.
  const other = await context.newPage();
  await other.goto('/c/local/overview');
  await new UserMenu(other).signOut.click();
  await expect(other).toHaveURL(/\/sign-in/);
  await expect
    .poll(() => page.evaluate(() => ({ state: window.__sse!.es.readyState, errors: window.__sse!.errors })), {
      timeout: 12_000,
    })
    .toEqual({ state: 2 /* CLOSED */, errors: expect.any(Number) });
  expect(await page.evaluate(() => window.__sse!.opened)).toBe(1);

  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});
  await page.goto('/c/local/overview');
  await expect(page).toHaveURL(/\/sign-in/);
});
