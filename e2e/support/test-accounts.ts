// Accounts the e2e tests sign in with. The local users live in e2e/support/users.yaml (bcrypt hashes
// of these test-only passwords); the OIDC accounts live in the test identity provider (oidc-server.ts),
// whose dev login page accepts any password.

export const LOCAL_USERS = {
  alice: { password: 'alice-e2e-password-7Qm2', groups: ['wheelhouse:operators'] },
  bob: { password: 'bob-e2e-password-4Xk9', groups: ['wheelhouse:developers'] },
} as const;

export type LocalUserName = keyof typeof LOCAL_USERS;

/** Provider-side groups; WHEELHOUSE_GROUP_MAP turns `ops` into wheelhouse:operators (playwright.config). */
export const OIDC_ACCOUNTS: Record<string, { groups: string[] }> = {
  carol: { groups: ['ops', 'everyone'] },
  dave: { groups: ['devs'] },
};

export const OIDC_CLIENT = { id: 'wheelhouse-e2e', secret: 'oidc-e2e-client-3Jd8Lq1Vz5Rw' } as const;
