import 'server-only';

import { createHash } from 'node:crypto';

import type { AuthSettings } from '@/server/auth/auth-env';
import { mapIdentity, type MappedIdentity } from '@/server/auth/identity-mapping';
import { loadUsers, type LocalUser } from '@/server/auth/local-users';
import { logger } from '@/server/observability/log';

// Local accounts are re-read on use (issue 11 item 3): a person removed from the users file loses
// their session at the next request, changed groups take effect at the next request, and a changed
// password ends sessions that began with the old one. OIDC sessions keep their token's groups until
// the absolute expiry (there is no IdP to ask without a refresh token).

const log = logger('auth');

/** A short, one-way fingerprint of the password hash, so the session notices a password change. */
export function passwordFingerprint(user: Pick<LocalUser, 'passwordHash'>): string {
  return createHash('sha256').update(user.passwordHash).digest('base64url').slice(0, 16);
}

/**
 * The local user's current Kubernetes identity, or null when the account is gone, its password
 * changed (when `fingerprint` is given), the file cannot be read, or the identity no longer maps.
 */
export function currentLocalIdentity(
  settings: AuthSettings,
  name: string,
  fingerprint?: string,
): MappedIdentity | null {
  const local = settings.local;
  if (!local) return null;
  let user: LocalUser | undefined;
  try {
    user = loadUsers(local.usersFile).get(name);
  } catch (err) {
    // Fail closed: an unreadable users file grants nothing (sign-in fails the same way).
    log.error({ err }, 'cannot read the users file; local sessions are refused');
    return null;
  }
  if (!user) return null;
  if (fingerprint !== undefined && passwordFingerprint(user) !== fingerprint) return null;
  const mapped = mapIdentity({ user: user.name, groups: user.groups }, local, settings.groupMap);
  return mapped.ok ? mapped.identity : null;
}

/** The fingerprint of the account's current password hash (at sign-in), if the account exists. */
export function localFingerprint(settings: AuthSettings, name: string): string | undefined {
  if (!settings.local) return undefined;
  try {
    const user = loadUsers(settings.local.usersFile).get(name);
    return user ? passwordFingerprint(user) : undefined;
  } catch {
    return undefined;
  }
}
