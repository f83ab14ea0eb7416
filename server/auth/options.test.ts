import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Account, Session, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';

import { authOptions } from './options';
import { oidcProvider } from './providers';
import { revokeSession } from './sessions';

// Revocations go to a throwaway database, never the developer's own.
process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-options-'));
delete process.env.DATABASE_URL;

const settings = {
  production: false,
  sessionMaxAgeSeconds: 3600,
  groupMap: { ops: 'wheelhouse:operators' },
};
const oidc = {
  issuer: 'https://id.example.com/',
  clientId: 'wh',
  scopes: 'openid groups',
  usernameClaim: 'preferred_username',
  groupsClaim: 'groups',
  name: 'SSO',
  userPrefix: 'oidc:',
  groupPrefix: 'oidc:',
};

describe('OIDC provider', () => {
  const provider = oidcProvider(oidc, settings);

  it('discovers from the issuer with PKCE and state, a public client without a secret', () => {
    expect(provider.wellKnown).toBe('https://id.example.com/.well-known/openid-configuration');
    expect(provider.checks).toEqual(['pkce', 'state']);
    expect(provider.idToken).toBe(true);
    expect(provider.client).toEqual({ token_endpoint_auth_method: 'none' });
  });

  it('maps the configured claims to the Kubernetes identity', async () => {
    const user = await provider.profile(
      { sub: 'u-1', preferred_username: 'carol', groups: ['ops', 'team'], email: 'c@example.com' },
      {},
    );
    expect(user).toEqual({ id: 'u-1', k8sUser: 'oidc:carol', k8sGroups: ['oidc:team', 'wheelhouse:operators'] });
    expect(await provider.profile({ sub: 'u-2' }, {})).toMatchObject({ refused: expect.any(String) });
  });
});

describe('session callbacks', () => {
  const { callbacks } = authOptions();
  const jwt = callbacks!.jwt!;
  const session = callbacks!.session!;

  it('the token keeps only user, groups, session id, sign-in time and method: provider tokens are dropped', async () => {
    const user = { id: 'u-1', k8sUser: 'oidc:carol', k8sGroups: ['wheelhouse:operators'], email: 'c@x' } as User;
    const account = {
      provider: 'oidc',
      access_token: 'at',
      id_token: 'eyJid',
      refresh_token: 'rt',
    } as unknown as Account;
    const token = (await jwt({ token: { name: 'carol', email: 'c@x', picture: 'p' }, user, account })) as JWT;
    expect(Object.keys(token).sort()).toEqual(['auth', 'groups', 'sid', 'src', 'user']);
    expect(token).toMatchObject({ user: 'oidc:carol', groups: ['wheelhouse:operators'], src: 'oidc' });
    expect(token.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Number(token.auth) - Date.now() / 1000)).toBeLessThan(60);

    const later = (await jwt({ token: { ...token, access_token: 'sneaked-in', exp: 2e9 } } as never)) as JWT;
    expect(later).toEqual(token);
  });

  it('the browser-readable session holds name, groups, sid and expiry (twice) only', async () => {
    const auth = Math.floor(Date.now() / 1000) - 60;
    const token = { user: 'alice', groups: ['g'], sid: 'sid-cb-1', auth, src: 'oidc' };
    const base = { expires: new Date(Date.now() + 7_200_000).toISOString() } as Session;
    const out = await session({ session: base, token } as never);
    // Absolute: sign-in time + WHEELHOUSE_SESSION_MAX_AGE (default 8 h), not next-auth's renewed expiry.
    const expiry = new Date((auth + 8 * 3600) * 1000).toISOString();
    expect(out).toEqual({
      user: { name: 'alice', groups: ['g'] },
      sid: 'sid-cb-1',
      expires: expiry,
      expiresAt: expiry,
    });
    await revokeSession('sid-cb-1', Date.now() + 60_000);
    expect(await session({ session: base, token } as never)).toEqual({ expires: base.expires });
  });
});
