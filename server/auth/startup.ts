import 'server-only';

import { authProblems } from '@/server/auth/auth-env';
import { sessionRevocations } from '@/server/auth/sessions';
import { serverEnv } from '@/server/env';
import { logger } from '@/server/observability/log';

const log = logger('auth');

/** Throws (so `next start` exits) when production sign-in is not safely configured. */
export function checkAuthAtStartup(): void {
  let auth;
  try {
    auth = serverEnv().auth;
  } catch (err) {
    // An invalid environment (a half-configured OIDC provider, a malformed group map) is fatal too.
    log.fatal(`Wheelhouse cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  // Load revoked sessions now (and start polling for new ones), so the first request need not wait;
  // until this succeeds sessions are refused (server/auth/sessions.ts), and it is retried on use.
  sessionRevocations().catch(() => undefined);
  const problems = authProblems(auth);
  if (problems.length === 0) return;
  const message = `Wheelhouse cannot start: sign-in is not safely configured.\n  - ${problems.join('\n  - ')}`;
  if (auth.production) {
    // Next.js only logs a failing instrumentation hook and keeps serving errors; exit instead, so a
    // supervisor (systemd, Kubernetes) shows the failure and the message.
    log.fatal(message);
    process.exit(1);
  }
  log.warn(message.replace('cannot start', 'is running in development, but'));
}
