import 'server-only';

import type { CurrentSession, Identity } from '@/server/auth/identity';

// Stands in for `server/auth/identity` in integration tests that call route handlers directly against
// the real local cluster: only "who is signed in" is replaced (sign-in has tests of its own), everything
// below the handler is real. Use:
//   vi.mock('@/server/auth/identity', () => import('@/server/auth/testing/fake-identity'));
//   import { signedIn } from '@/server/auth/testing/fake-identity';  …  signedIn.identity = alice;

export const signedIn: { identity: Identity | null } = { identity: null };

export function currentIdentity(): Promise<Identity | null> {
  return Promise.resolve(signedIn.identity);
}

export function currentSession(): Promise<CurrentSession | null> {
  const identity = signedIn.identity;
  return Promise.resolve(identity ? { identity, sessionId: 'test', expiresAt: Date.now() + 3_600_000 } : null);
}

export function sessionBoundSignal(_session: unknown, signal: AbortSignal): AbortSignal {
  return signal;
}
