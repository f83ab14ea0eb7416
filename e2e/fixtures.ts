import { test as base, expect } from '@playwright/test';

import { signInWithPassword } from './support/sign-in-http';
import { LOCAL_USERS } from './support/test-accounts';
import type { LocalUserName } from './support/test-accounts';

// The one place e2e specs say who is signed in:
//   import { expect, test } from './fixtures';
//   test.beforeEach(async ({ signInAs }) => signInAs('alice'));
// signInAs signs in over HTTP (no form round-trip per test) and puts the session cookie into the
// browser context; `page` and `request` then act as that person.

export interface AuthFixtures {
  signInAs: (user: LocalUserName) => Promise<string>;
}

export const test = base.extend<AuthFixtures>({
  signInAs: async ({ context, baseURL }, use) => {
    await use(async (user) => {
      if (!baseURL) throw new Error('signInAs needs use.baseURL');
      const cookieHeader = await signInWithPassword(baseURL, user, LOCAL_USERS[user].password);
      await context.clearCookies();
      await context.addCookies(
        cookieHeader.split('; ').map((pair) => {
          const eq = pair.indexOf('=');
          return {
            name: pair.slice(0, eq),
            value: pair.slice(eq + 1),
            url: baseURL,
            httpOnly: true,
            sameSite: 'Lax' as const,
          };
        }),
      );
      return cookieHeader;
    });
  },
});

export { expect };
export { LOCAL_USERS };
export type { LocalUserName };
