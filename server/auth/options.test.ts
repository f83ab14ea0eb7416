import type { Account, Session, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';

import { authOptions } from './options';
import { oidcProvider } from './providers';
import { revokeSession } from './sessions';

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

  it('the token keeps only user, groups and a session id: provider tokens are dropped', async () => {
    const user = { id: 'u-1', k8sUser: 'oidc:carol', k8sGroups: ['wheelhouse:operators'], email: 'c@x' } as User;
    const account = { access_token: 'at', id_token: 'eyJid', refresh_token: 'rt' } as unknown as Account;
    const token = (await jwt({ token: { name: 'carol', email: 'c@x', picture: 'p' }, user, account })) as JWT;
    expect(Object.keys(token).sort()).toEqual(['groups', 'sid', 'user']);
    expect(token).toMatchObject({ user: 'oidc:carol', groups: ['wheelhouse:operators'] });
    expect(token.sid).toMatch(/^[0-9a-f-]{36}$/);

    const later = (await jwt({ token: { ...token, access_token: 'sneaked-in', exp: 2e9 } } as never)) as JWT;
    expect(later).toEqual({ ...token, exp: 2e9 });
  });

  it('the browser-readable session holds name, groups, sid and expiry (twice) only', async () => {
    const token = { user: 'alice', groups: ['g'], sid: 'sid-cb-1', exp: Math.floor(Date.now() / 1000) + 60 };
    const base = { expires: new Date(Date.now() + 3_600_000).toISOString() } as Session;
    const out = await session({ session: base, token } as never);
    const expiry = new Date(token.exp * 1000).toISOString();
    expect(out).toEqual({
      user: { name: 'alice', groups: ['g'] },
      sid: 'sid-cb-1',
      expires: expiry,
      expiresAt: expiry,
    });
    revokeSession('sid-cb-1', Date.now() + 60_000);
    expect(await session({ session: base, token } as never)).toEqual({ expires: base.expires });
  });
});
