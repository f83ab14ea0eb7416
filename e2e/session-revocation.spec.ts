import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from './fixtures';
import { freePort } from './support/free-port';
import { signInWithPassword, signOutHttp } from './support/sign-in-http';
import { startStandaloneServer, type StandaloneServer } from './support/standalone-server';
import { LOCAL_USERS } from './support/test-accounts';

// Issue 11 item 3: a signed-out session stays dead — no renewal through /api/auth/session, refused by
// pages and APIs, and still refused after the server restarts (revocations live in the database);
// a session never outlives its absolute lifetime however often it is renewed; and a person removed
// from the users file loses access on their next request.

const SESSION = /^(__Host-|__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** GET with the cookie; the answer's status, JSON body (when any) and the session cookies it sets. */
async function get(base: string, path: string, cookie: string) {
  const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
  const setCookies = res.headers.getSetCookie().map((line) => {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a page
  }
  return {
    status: res.status,
    location: res.headers.get('location') ?? '',
    body,
    renewed: setCookies.filter((c) => SESSION.test(c.name) && c.value !== ''),
  };
}

/** Every way in: the session endpoint, a page, a resource API and the event stream. */
async function expectRefused(base: string, cookie: string) {
  const session = await get(base, '/api/auth/session', cookie);
  expect(session.body).toEqual({});
  expect(session.renewed).toEqual([]);
  const page = await get(base, '/c/local/overview', cookie);
  expect(page.status).toBe(307);
  expect(page.location).toContain('/sign-in');
  expect((await get(base, '/api/k8s/local/deployments?limit=1', cookie)).status).toBe(401);
  expect((await get(base, '/api/stream?sub=local:deployments', cookie)).status).toBe(401);
}

test('after sign-out the old cookie gets no session, no renewed cookie, and is refused everywhere', async ({
  baseURL,
}) => {
  const base = baseURL!;
  const cookie = await signInWithPassword(base, 'alice', LOCAL_USERS.alice.password);
  const live = await get(base, '/api/auth/session', cookie);
  expect(live.body).toMatchObject({ user: { name: 'alice' } });
  expect(live.renewed.length).toBeGreaterThan(0);
  expect((await get(base, '/api/k8s/local/deployments?limit=1', cookie)).status).toBe(200);

  await signOutHttp(base, cookie);
  await expectRefused(base, cookie);
});

test.describe('on a server of its own (restart, users file, short sessions)', () => {
  test.describe.configure({ timeout: 300_000 });

  const distDir = process.env.WHEELHOUSE_DIST_DIR || '.next';
  // Readable by the server's own uid (it runs as 10001 when the tests run as root).
  const dir = mkdtempSync(join(tmpdir(), 'wh-revocation-'));
  chmodSync(dir, 0o755);
  const usersFile = join(dir, 'users.yaml');
  const allUsers = readFileSync(join(__dirname, 'support', 'users.yaml'), 'utf8');
  let server: StandaloneServer | undefined;
  let port = 0;

  const start = async () => {
    server = await startStandaloneServer({
      distDir,
      port,
      dataDir: join(dir, 'data'),
      env: {
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        NEXTAUTH_SECRET: 'e2e-only-revocation-Wq8Zt3Lm6Rv1Xc9Pb4Nd',
        WHEELHOUSE_USERS_FILE: usersFile,
        WHEELHOUSE_SESSION_MAX_AGE: '60',
        WHEELHOUSE_CLUSTER_NAME: 'local',
        // alice (operators) audits on this server: GET /api/audit/verify below.
        WHEELHOUSE_AUDITOR_GROUPS: 'wheelhouse:operators',
      },
    });
    return server.url;
  };

  test.beforeAll(async () => {
    writeFileSync(usersFile, allUsers, { mode: 0o644 });
    port = await freePort();
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a revoked cookie stays refused after a restart; a removed user loses access at once', async () => {
    let base = await start();
    const revoked = await signInWithPassword(base, 'alice', LOCAL_USERS.alice.password);
    const kept = await signInWithPassword(base, 'bob', LOCAL_USERS.bob.password);
    await signOutHttp(base, revoked);
    await expectRefused(base, revoked);

    await server!.stop();
    base = await start();
    await expectRefused(base, revoked);
    // The restart itself ends nothing: bob's session (same secret) still works.
    expect((await get(base, '/api/k8s/local/deployments?limit=1', kept)).status).toBe(200);

    // The audit chain check is for auditors only (ADR 0015): bob is refused, alice gets the report.
    expect((await get(base, '/api/audit/verify', kept)).status).toBe(403);
    const auditor = await signInWithPassword(base, 'alice', LOCAL_USERS.alice.password);
    const verified = await get(base, '/api/audit/verify', auditor);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, problems: [] });

    // bob is removed from the users file: his very next request is refused.
    writeFileSync(usersFile, allUsers.replace(/\n {2}- name: bob\n(?: {4}.*\n)+/, '\n'), { mode: 0o644 });
    expect(readFileSync(usersFile, 'utf8')).not.toContain('name: bob');
    expect((await get(base, '/api/k8s/local/deployments?limit=1', kept)).status).toBe(401);
    await expectRefused(base, kept);
  });

  test('a session renewed again and again still ends at its absolute max age', async () => {
    const base = server ? server.url : await start();
    const signedInAt = Date.now();
    let cookie = await signInWithPassword(base, 'alice', LOCAL_USERS.alice.password);
    // Renew every 5 s with whatever cookie the server hands back, as a browser tab would.
    let renewals = 0;
    for (;;) {
      const res = await get(base, '/api/auth/session', cookie);
      if (!(res.body as { user?: unknown }).user) break;
      expect(Date.now() - signedInAt).toBeLessThan(75_000);
      if (res.renewed.length) {
        cookie = res.renewed.map((c) => `${c.name}=${c.value}`).join('; ');
        renewals++;
      }
      await new Promise((r) => setTimeout(r, 5_000));
    }
    const lived = Date.now() - signedInAt;
    expect(renewals).toBeGreaterThan(5);
    // WHEELHOUSE_SESSION_MAX_AGE=60: it lasted about that long (renewals did not extend it).
    expect(lived).toBeGreaterThanOrEqual(55_000);
    await expectRefused(base, cookie);
  });
});
