import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import bcrypt from 'bcryptjs';
import { getServerSession } from 'next-auth';
import { decode, encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDatabase } from '@/server/audit/database';
import { metricsRegistry } from '@/server/observability/metrics';

import { authOptions } from './options';
import { RevocationStore } from './revocation-store';
import { revokeSession } from './sessions';

// next-auth's real session endpoint (AuthHandler, as GET /api/auth/session runs it) with cookies
// encrypted by the real secret: what a browser presenting an old cookie gets back.

const dir = mkdtempSync(join(tmpdir(), 'wh-session-'));
const usersFile = join(dir, 'users.yaml');
const hash = bcrypt.hashSync('pw', 4);
const writeUsers = (users: { name: string; groups: string[]; passwordHash?: string }[]) =>
  writeFileSync(usersFile, JSON.stringify({ users: users.map((u) => ({ passwordHash: hash, ...u })) }));
writeUsers([{ name: 'dave', groups: ['wheelhouse:operators'] }]);
process.env.WHEELHOUSE_DATA_DIR = dir;
process.env.WHEELHOUSE_USERS_FILE = usersFile;
process.env.WHEELHOUSE_SESSION_MAX_AGE = '3600';
delete process.env.DATABASE_URL;
delete process.env.NEXTAUTH_URL;

const COOKIE = 'next-auth.session-token';
const now = () => Math.floor(Date.now() / 1000);

async function cookieFor(token: Record<string, unknown>, maxAge = 3600): Promise<string> {
  return encode({ token, secret: authOptions().secret!, maxAge });
}

interface SetCookie {
  name: string;
  value: string;
}

/** next-auth's session action (what GET /api/auth/session runs), with the Set-Cookie headers it sends. */
async function sessionEndpoint(cookie: string) {
  const headers = new Map<string, string[]>();
  const req = { headers: {}, cookies: { [COOKIE]: cookie } };
  const res = {
    getHeader: (name: string) => headers.get(name),
    setHeader: (name: string, value: string[]) => headers.set(name, value),
  };
  const body = ((await getServerSession(req as never, res as never, authOptions())) ?? {}) as Record<string, unknown>;
  const cookies: SetCookie[] = (headers.get('Set-Cookie') ?? []).map((line) => {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
  const renewed = cookies.filter((c) => c.name.startsWith(COOKIE) && c.value !== '');
  return { body, renewed, cookies };
}

const oidcToken = (sid: string, signedInAt = now()) => ({
  user: 'oidc:carol',
  groups: ['oidc:ops'],
  sid,
  auth: signedInAt,
  src: 'oidc',
});

beforeAll(async () => {
  writeUsers([{ name: 'dave', groups: ['wheelhouse:operators'] }]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GET /api/auth/session', () => {
  it('renews a live session without extending it past the absolute lifetime', async () => {
    const signedInAt = now() - 3000;
    const { body, renewed } = await sessionEndpoint(await cookieFor(oidcToken('sid-live', signedInAt)));
    expect(body.user).toEqual({ name: 'oidc:carol', groups: ['oidc:ops'] });
    expect(renewed.length).toBeGreaterThan(0);
    const again = await decode({ token: renewed[0]!.value, secret: authOptions().secret! });
    expect(again?.exp).toBeLessThanOrEqual(signedInAt + 3600);
    expect(Date.parse(String(body.expiresAt))).toBeLessThanOrEqual((signedInAt + 3600) * 1000);
  });

  it('a signed-out session gets no session and no renewed cookie, and its cookie is cleared', async () => {
    const cookie = await cookieFor(oidcToken('sid-revoked'));
    expect((await sessionEndpoint(cookie)).body.sid).toBe('sid-revoked');
    const revokedTotal = async () =>
      (await metricsRegistry().getSingleMetric('wheelhouse_sessions_revoked_total')?.get())?.values[0]?.value ?? 0;
    const before = await revokedTotal();
    await revokeSession('sid-revoked', Date.now() + 3_600_000);
    expect((await revokedTotal()) - before).toBe(1);
    const { body, renewed, cookies } = await sessionEndpoint(cookie);
    expect(body).toEqual({});
    expect(renewed).toEqual([]);
    expect(cookies.some((c) => c.name === COOKIE && c.value === '')).toBe(true);
  });

  it('a session revoked by another replica (only in the database) is refused on renewal', async () => {
    const other = await openDatabase({ kind: 'sqlite', path: join(dir, 'audit.sqlite') });
    await new RevocationStore(other).revoke('sid-elsewhere', new Date(Date.now() + 3_600_000));
    await other.destroy();
    const { body, renewed } = await sessionEndpoint(await cookieFor(oidcToken('sid-elsewhere')));
    expect(body).toEqual({});
    expect(renewed).toEqual([]);
  });

  it('a cookie renewed past the absolute lifetime (older code extended it) is refused', async () => {
    // Signed in 2 h ago with a 1 h lifetime, but a renewal gave the cookie a fresh hour.
    const { body, renewed } = await sessionEndpoint(await cookieFor(oidcToken('sid-old', now() - 7200), 3600));
    expect(body).toEqual({});
    expect(renewed).toEqual([]);
  });

  it('a cookie without a sign-in time (issued before absolute lifetimes) is refused', async () => {
    const { body } = await sessionEndpoint(await cookieFor({ user: 'alice', groups: [], sid: 'sid-legacy' }));
    expect(body).toEqual({});
  });
});

describe('local users are re-checked on use', () => {
  const localToken = (sid: string) => ({
    user: 'dave',
    groups: ['wheelhouse:operators'],
    sid,
    auth: now(),
    src: 'local',
    lu: 'dave',
    lpw: undefined as string | undefined,
  });

  it('changed groups replace the old ones; a removed user loses the session', async () => {
    writeUsers([{ name: 'dave', groups: ['wheelhouse:operators'] }]);
    const cookie = await cookieFor(localToken('sid-dave'));
    expect((await sessionEndpoint(cookie)).body.user).toEqual({ name: 'dave', groups: ['wheelhouse:operators'] });

    writeUsers([{ name: 'dave', groups: ['wheelhouse:developers', 'extra'] }]);
    expect((await sessionEndpoint(cookie)).body.user).toEqual({
      name: 'dave',
      groups: ['extra', 'wheelhouse:developers'],
    });

    writeUsers([{ name: 'erin', groups: [] }]);
    const gone = await sessionEndpoint(cookie);
    expect(gone.body).toEqual({});
    expect(gone.renewed).toEqual([]);
  });
});
