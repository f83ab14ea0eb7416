import { SignInPage, UserMenu } from './pages/sign-in-page';
import { LOCAL_USERS, expect, test } from './fixtures';
import { signInWithPassword, signOutHttp } from './support/sign-in-http';

// Local-account sign-in, sessions and the web-security guarantees, against the production build.

test.describe('local accounts', () => {
  test('an anonymous visit goes to the sign-in page and back after signing in as alice', async ({ page }) => {
    await page.goto('/c/local/overview');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fc%2Flocal%2Foverview$/);
    const signIn = new SignInPage(page);
    await signIn.signInWithPassword('alice', LOCAL_USERS.alice.password);
    await expect(page).toHaveURL(/\/c\/local\/overview$/);
    const menu = new UserMenu(page);
    await expect(menu.user).toHaveText('alice');
    await expect(menu.groups).toContainText('wheelhouse:operators');
  });

  test('bob signs in and is shown as bob with his group', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signInWithPassword('bob', LOCAL_USERS.bob.password);
    await expect(page).toHaveURL(/\/c\/local\/overview$/);
    const menu = new UserMenu(page);
    await expect(menu.user).toHaveText('bob');
    await expect(menu.groups).toHaveText('wheelhouse:developers');
  });

  test('a wrong password and an unknown user get the same clear error', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signInWithPassword('alice', 'not-her-password');
    await expect(signIn.error).toHaveText('Wrong user name or password.');
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn.signInWithPassword('nobody-here', 'whatever');
    await expect(signIn.error).toHaveText('Wrong user name or password.');
    const session = await (await page.request.get('/api/auth/session')).json();
    expect(session).toEqual({});
  });

  test('repeated wrong passwords are rate limited with 429 and Retry-After', async ({ baseURL }) => {
    const user = `mallory-${Date.now()}`;
    const attempts: number[] = [];
    for (let i = 0; i < 12; i++) {
      const csrf = await fetch(`${baseURL}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await fetch(`${baseURL}/api/auth/callback/local`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Cookie: csrf.headers
            .getSetCookie()
            .map((c) => c.split(';')[0])
            .join('; '),
        },
        body: new URLSearchParams({ csrfToken, username: user, password: 'guess', json: 'true' }),
      });
      attempts.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Default: 10 attempts a minute per address and user name.
    // next-auth answers a wrong password with 401; the 11th attempt is not even checked.
    expect(attempts.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(attempts.slice(10)).toEqual([429, 429]);
  });

  test('a forged X-Forwarded-For per attempt does not escape the per-user limit', async ({ baseURL }) => {
    const user = `mallory-xff-${Date.now()}`;
    let firstRefused = -1;
    const started = Date.now();
    for (let i = 0; i < 150 && firstRefused < 0; i++) {
      const csrf = await fetch(`${baseURL}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await fetch(`${baseURL}/api/auth/callback/local`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Forwarded-For': `203.0.113.${i}`,
          Cookie: csrf.headers
            .getSetCookie()
            .map((c) => c.split(';')[0])
            .join('; '),
        },
        body: new URLSearchParams({ csrfToken, username: user, password: 'guess', json: 'true' }),
      });
      if (res.status === 429) firstRefused = i;
    }
    // The per-user budget for addresses the user never signed in from (30 a minute, plus what refilled
    // meanwhile; ADR 0012), whatever address the client claims.
    const refilled = Math.ceil(((Date.now() - started) / 60_000) * 30);
    expect(firstRefused).toBeGreaterThanOrEqual(30);
    expect(firstRefused).toBeLessThanOrEqual(30 + refilled);
  });
});

test.describe('sessions', () => {
  test('/api/auth/session and the page payload carry no token', async ({ page, signInAs }) => {
    const cookie = await signInAs('alice');
    const sessionToken = cookie.split('=').slice(1).join('=');
    const res = await page.request.get('/api/auth/session');
    expect(res.headers()['cache-control']).toContain('no-store');
    const session = await res.json();
    expect(Object.keys(session).sort()).toEqual(['expires', 'expiresAt', 'sid', 'user']);
    expect(session.user).toEqual({ name: 'alice', groups: ['wheelhouse:operators'] });
    const text = JSON.stringify(session);
    expect(text).not.toMatch(/token|eyJ|password/i);

    const html = await (await page.request.get('/c/local/overview')).text();
    expect(html).toContain('alice');
    expect(html).not.toContain(sessionToken);
    expect(html).not.toMatch(/access_token|id_token|refresh_token|eyJhbGci|passwordHash/);
  });

  test('the session cookie is httpOnly and SameSite=Lax', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signInWithPassword('alice', LOCAL_USERS.alice.password);
    await expect(new UserMenu(page).user).toHaveText('alice');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'next-auth.session-token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('session-token');
  });

  test('signing out ends the session and closes an open event stream at once', async ({ baseURL }) => {
    const cookie = await signInWithPassword(baseURL!, 'alice', LOCAL_USERS.alice.password);
    const stream = await fetch(`${baseURL}/api/stream?sub=local:deployments`, { headers: { Cookie: cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');

    const started = Date.now();
    await signOutHttp(baseURL!, cookie);
    // Drain until the server ends the stream; heartbeats come every 15 s, so ending sooner proves
    // the sign-out closed it rather than a timeout.
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(Date.now() - started).toBeLessThan(5_000);

    // The same cookie is refused everywhere now, even though it has not expired.
    const api = await fetch(`${baseURL}/api/k8s/local/deployments`, { headers: { Cookie: cookie } });
    expect(api.status).toBe(401);
    const again = await fetch(`${baseURL}/api/stream?sub=local:deployments`, { headers: { Cookie: cookie } });
    expect(again.status).toBe(401);
  });
});

test.describe('web security', () => {
  test('APIs answer 401 JSON without a session, whatever headers are sent', async ({ baseURL }) => {
    const variants: Record<string, string>[] = [
      {},
      { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
      { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
      { 'Impersonate-User': 'admin', 'Impersonate-Group': 'system:masters' },
    ];
    for (const headers of variants) {
      const res = await fetch(`${baseURL}/api/k8s/local/deployments`, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(await res.json()).toMatchObject({ error: { kind: 'unauthenticated' } });
      const page = await fetch(`${baseURL}/c/local/overview`, { headers, redirect: 'manual' });
      expect(page.status, JSON.stringify(headers)).toBe(307);
      expect(page.headers.get('location')).toContain('/sign-in');
    }
  });

  test('client Impersonate-* headers do not widen what bob sees', async ({ baseURL }) => {
    const cookie = await signInWithPassword(baseURL!, 'bob', LOCAL_USERS.bob.password);
    const list = async (extra: Record<string, string>) => {
      const res = await fetch(`${baseURL}/api/k8s/local/deployments?limit=500`, {
        headers: { Cookie: cookie, ...extra },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { namespace: string }[] };
      return [...new Set(body.items.map((i) => i.namespace))].sort();
    };
    const plain = await list({});
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((ns) => ns === 'shop-frontend' || ns === 'shop-backend')).toBe(true);
    expect(await list({ 'Impersonate-User': 'admin', 'Impersonate-Group': 'system:masters' })).toEqual(plain);
  });

  test('mutations refuse cross-site, Origin null, missing Origin and text/plain', async ({ baseURL }) => {
    const cookie = await signInWithPassword(baseURL!, 'alice', LOCAL_USERS.alice.password);
    // A Deployment that does not exist: even a request the guard wrongly let through changes nothing.
    const url = `${baseURL}/api/k8s/local/deployments/shop-frontend/no-such-deployment-e2e/actions/scale`;
    const body = JSON.stringify({ replicas: 2, resourceVersion: '1' });
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { Cookie: cookie, ...headers }, body });
    const json = { 'Content-Type': 'application/json' };
    const refused: Record<string, Record<string, string>> = {
      'cross-site': { ...json, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      'origin-mismatch': { ...json, Origin: 'https://evil.example' },
      'origin-null': { ...json, Origin: 'null' },
      'origin-missing': json,
      'content-type': { 'Content-Type': 'text/plain', Origin: baseURL! },
    };
    for (const [reason, headers] of Object.entries(refused)) {
      const res = await post(headers);
      expect(res.status, reason).toBe(403);
      expect(await res.json(), reason).toMatchObject({ error: { reason } });
    }
    // The same request from the dashboard's own origin passes the guard (and finds no such object).
    const ok = await post({ ...json, Origin: baseURL!, 'Sec-Fetch-Site': 'same-origin' });
    expect(ok.status).not.toBe(403);
  });

  test('cluster API answers (which skip the proxy) carry their own security headers', async ({ page, signInAs }) => {
    await signInAs('alice');
    for (const path of ['/api/k8s/local/deployments?limit=1', '/api/k8s/local/no-such-kind']) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(path.includes('no-such') ? 404 : 200);
      const headers = res.headers();
      expect(headers['cache-control'], path).toBe('private, no-store');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-frame-options'], path).toBe('DENY');
    }
  });

  test('pages carry CSP with a nonce, frame-ancestors none, nosniff, no-store; scripts run under it', async ({
    page,
    signInAs,
  }) => {
    await signInAs('alice');
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto('/c/local/overview');
    const headers = response!.headers();
    const csp = headers['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeTruthy();
    expect(headers['cache-control']).toContain('no-store');
    expect(headers['cache-control']).toContain('private');
    expect(headers['strict-transport-security']).toBeUndefined(); // plain HTTP here
    // Each response has its own nonce, and Next put it on its scripts (the page hydrated: the
    // sign-out button below works).
    const second = await page.request.get('/c/local/overview');
    const secondNonce = /'nonce-([^']+)'/.exec(second.headers()['content-security-policy'] ?? '')?.[1];
    expect(secondNonce).toBeTruthy();
    expect(secondNonce).not.toBe(nonce);
    expect(await second.text()).toContain(`nonce="${secondNonce}"`);
    await new UserMenu(page).signOut.click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect(violations).toEqual([]);
  });
});
