import 'server-only';

import { authProblems } from '@/server/auth/auth-env';
import { serverEnv } from '@/server/env';

/** Throws (so `next start` exits) when production sign-in is not safely configured. */
export function checkAuthAtStartup(): void {
  let auth;
  try {
    auth = serverEnv().auth;
  } catch (err) {
    // An invalid environment (a half-configured OIDC provider, a malformed group map) is fatal too.
    console.error(`Wheelhouse cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const problems = authProblems(auth);
  if (problems.length === 0) return;
  const message = `Wheelhouse cannot start: sign-in is not safely configured.\n  - ${problems.join('\n  - ')}`;
  if (auth.production) {
    // Next.js only logs a failing instrumentation hook and keeps serving errors; exit instead, so a
    // supervisor (systemd, Kubernetes) shows the failure and the message.
    console.error(message);
    process.exit(1);
  }
  console.warn(message.replace('cannot start', 'is running in development, but'));
}
