import { describe, expect, it } from 'vitest';

import { parseServerEnv } from '@/server/env';

import { authProblems, parseGroupMap, weakSecretReason } from './auth-env';

const STRONG = 'q7Vn3kLx9PzR2mWc8HtY5bJd4FsA6gUe';

describe('auth settings', () => {
  it('enables nothing unless configured', () => {
    const { auth } = parseServerEnv({});
    expect(auth.local).toBeUndefined();
    expect(auth.oidc).toBeUndefined();
    expect(auth.sessionMaxAgeSeconds).toBe(8 * 3600);
  });

  it('reads the OIDC provider with defaults', () => {
    const { auth } = parseServerEnv({
      WHEELHOUSE_OIDC_ISSUER: 'https://id.example.com/realms/x',
      WHEELHOUSE_OIDC_CLIENT_ID: 'wheelhouse',
      WHEELHOUSE_GROUP_MAP: 'ops=wheelhouse:operators, dev = wheelhouse:developers',
    });
    expect(auth.oidc).toMatchObject({
      issuer: 'https://id.example.com/realms/x',
      clientId: 'wheelhouse',
      scopes: 'openid profile email groups',
      groupsClaim: 'groups',
      usernameClaim: 'sub',
      userPrefix: 'oidc:',
      groupPrefix: 'oidc:',
    });
    expect(auth.groupMap).toEqual({ ops: 'wheelhouse:operators', dev: 'wheelhouse:developers' });
  });

  it('refuses half an OIDC configuration and bad values', () => {
    expect(() => parseServerEnv({ WHEELHOUSE_OIDC_ISSUER: 'https://id.example.com' })).toThrow(/CLIENT_ID/);
    expect(() => parseServerEnv({ WHEELHOUSE_SESSION_MAX_AGE: '5' })).toThrow(/WHEELHOUSE_SESSION_MAX_AGE/);
    expect(() => parseGroupMap('ops')).toThrow(/from=to/);
  });

  it('reads local users with empty prefixes by default', () => {
    const { auth } = parseServerEnv({ WHEELHOUSE_USERS_FILE: '/etc/wh/users.yaml', WHEELHOUSE_SESSION_MAX_AGE: '600' });
    expect(auth.local).toEqual({ usersFile: '/etc/wh/users.yaml', userPrefix: '', groupPrefix: '' });
    expect(auth.sessionMaxAgeSeconds).toBe(600);
  });
});

describe('weakSecretReason', () => {
  it('accepts a long random secret and refuses short, placeholder or repetitive ones', () => {
    expect(weakSecretReason(STRONG)).toBeNull();
    expect(weakSecretReason(undefined)).toMatch(/not set/);
    expect(weakSecretReason('short')).toMatch(/at least 32/);
    expect(weakSecretReason('changeme-changeme-changeme-changeme')).toMatch(/placeholder/);
    expect(weakSecretReason('a'.repeat(40))).toMatch(/distinct/);
  });
});

describe('authProblems', () => {
  it('production needs a strong secret and a sign-in method', () => {
    const prod = parseServerEnv({ NODE_ENV: 'production' }).auth;
    expect(authProblems(prod)).toEqual([
      expect.stringMatching(/NEXTAUTH_SECRET is not set/),
      expect.stringMatching(/No sign-in method/),
    ]);
    const ok = parseServerEnv({ NODE_ENV: 'production', NEXTAUTH_SECRET: STRONG, WHEELHOUSE_USERS_FILE: '/u' }).auth;
    expect(authProblems(ok)).toEqual([]);
  });

  it('outside production a missing secret is tolerated', () => {
    const dev = parseServerEnv({ NODE_ENV: 'development', WHEELHOUSE_USERS_FILE: '/u' }).auth;
    expect(authProblems(dev)).toEqual([]);
  });
});
