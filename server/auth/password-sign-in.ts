import 'server-only';

import { AsyncLocalStorage } from 'node:async_hooks';

import { NextRequest } from 'next/server';

import { type LocalUser, loadUsers, verifyLocalUser } from '@/server/auth/local-users';
import { defaultWorkers, passwordVerifier, VerifierBusyError } from '@/server/auth/password-verifier';
import { serverEnv } from '@/server/env';
import { jsonError } from '@/server/http/responses';
import { counter } from '@/server/observability/metrics';
import { logger } from '@/server/observability/log';
import { clientIp } from '@/server/security/client-ip';
import { tooManyRequests } from '@/server/security/rate-limit';
import { signInLimiter } from '@/server/security/sign-in-limits';

import { type Credentials, canonicalForm, readCredentials } from './credentials-body';

// A password sign-in, end to end (POST /api/auth/callback/local; ADR 0012):
//   1. the body is read once, bounded, and refused when ambiguous (credentials-body.ts);
//   2. the sign-in budgets are taken for the client address and that user name (sign-in-limits.ts);
//   3. next-auth runs on a canonical copy of the body (its CSRF check, cookies, redirects), and its
//      `authorize` checks the password through `checkPassword` below — with the values of step 1,
//      handed over in an AsyncLocalStorage, never re-read from next-auth's own parse;
//   4. the outcome settles the budgets (a right password gives its tokens back and makes the address
//      known), and is counted and logged.

export type Outcome = 'success' | 'failure' | 'busy';

interface Attempt {
  credentials: Credentials;
  known: boolean;
  outcome?: Outcome;
  /** Whether the name is a configured user (logged only then: a mistyped password may be in it). */
  existing?: boolean;
}

const attempts = new AsyncLocalStorage<Attempt>();

const signIns = counter({
  name: 'wheelhouse_signin_total',
  help: 'Password sign-ins by result: success, failure (wrong name or password), rate_limited, busy (503), refused (bad request)',
  labelNames: ['result'],
});

const log = logger('auth');

export async function passwordSignIn(
  request: NextRequest,
  nextAuth: (request: NextRequest) => Promise<Response>,
): Promise<Response> {
  const parsed = await readCredentials(request);
  if (!parsed.ok) {
    signIns.inc({ result: 'refused' });
    return jsonError(parsed.status, 'invalid', parsed.message);
  }
  const { credentials } = parsed;
  const address = clientIp(request.headers);
  const limiter = signInLimiter();
  const decision = await limiter.check(address, credentials.username);
  if (!decision.ok) {
    signIns.inc({ result: 'rate_limited' });
    log.info({ event: 'signin', result: 'rate_limited', budget: decision.budget, address }, 'sign-in rate limited');
    return tooManyRequests(decision.retryAfterSeconds);
  }

  const attempt: Attempt = { credentials, known: decision.ticket.known };
  const response = await attempts.run(attempt, () => nextAuth(canonicalRequest(request, credentials)));

  switch (attempt.outcome) {
    case 'success':
      await limiter.succeeded(decision.ticket);
      signIns.inc({ result: 'success' });
      log.info({ event: 'signin', result: 'success', user: credentials.username, address }, 'signed in');
      return response;
    case 'busy':
      await limiter.release(decision.ticket);
      signIns.inc({ result: 'busy' });
      log.warn({ event: 'signin', result: 'busy', address }, 'sign-in refused: password checks are saturated');
      return busy();
    case 'failure': {
      signIns.inc({ result: 'failure' });
      const user = attempt.existing ? credentials.username : undefined;
      log.info({ event: 'signin', result: 'failure', user, address }, 'wrong user name or password');
      return response;
    }
    default:
      // next-auth answered before checking the password (CSRF token missing or stale): the attempt
      // keeps its tokens, like a failure.
      signIns.inc({ result: 'refused' });
      return response;
  }
}

/**
 * next-auth's `authorize` for local accounts: the user when the password is right, else null. Uses
 * the credentials of the attempt in progress; outside one (nothing else may reach it) it refuses.
 */
export async function checkPassword(usersFile: string): Promise<LocalUser | null> {
  const attempt = attempts.getStore();
  if (!attempt) return null;
  const { username, password } = attempt.credentials;
  const users = loadUsers(usersFile);
  attempt.existing = users.has(username);
  const { workers, queueLimit } = serverEnv().rateLimits.signIn;
  const verifier = passwordVerifier({ workers: workers || defaultWorkers(), queueLimit });
  try {
    const user = await verifyLocalUser(users, username, password, (pw, hash) =>
      verifier.verify(pw, hash, { priority: attempt.known }),
    );
    attempt.outcome = user ? 'success' : 'failure';
    return user;
  } catch (err) {
    if (!(err instanceof VerifierBusyError)) throw err;
    attempt.outcome = 'busy';
    return null;
  }
}

/** Marks the attempt in progress as failed after all (the identity cannot be used). */
export function refuseAttempt(): void {
  const attempt = attempts.getStore();
  if (attempt) attempt.outcome = 'failure';
}

function canonicalRequest(request: NextRequest, credentials: Credentials): NextRequest {
  const headers = new Headers(request.headers);
  headers.set('content-type', 'application/x-www-form-urlencoded');
  headers.delete('content-length');
  return new NextRequest(request.url, { method: 'POST', headers, body: canonicalForm(credentials) });
}

function busy(): Response {
  const response = jsonError(503, 'too-many-requests', 'Too many sign-ins are being checked; try again in a moment');
  response.headers.set('Retry-After', '1');
  return response;
}
