import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { signInWithPassword } from '../e2e/support/sign-in-http';
import { LOCAL_USERS } from '../e2e/support/test-accounts';

// How the benchmark signs in to the server under test, in one place: the server gets the e2e suite's
// test-only local users (e2e/support/users.yaml) and a fresh session secret per run; the benchmark
// signs in as alice (wheelhouse:operators) with a password, like the browser form does.

export const BENCH_USER = 'alice';

/** Sign-in settings for the server process (merged into its environment). */
export function authServerEnv(baseUrl: string, repoRoot: string): Record<string, string> {
  return {
    NEXTAUTH_URL: baseUrl,
    // Random per run: sessions never outlive the benchmark's server.
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    WHEELHOUSE_USERS_FILE: join(repoRoot, 'e2e', 'support', 'users.yaml'),
  };
}

/** Request headers that make `baseUrl` treat the benchmark as signed-in alice (the session cookie). */
export async function authenticate(baseUrl: string): Promise<Record<string, string>> {
  const cookie = await signInWithPassword(baseUrl, BENCH_USER, LOCAL_USERS[BENCH_USER].password);
  return { cookie };
}
