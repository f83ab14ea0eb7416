import 'server-only';

import { randomBytes, randomUUID } from 'node:crypto';

import type { AuthOptions, Session } from 'next-auth';
import { encode, type JWT } from 'next-auth/jwt';

import { authProblems, type AuthSettings } from '@/server/auth/auth-env';
import { sessionCookies } from '@/server/auth/cookies';
import { currentLocalIdentity, localFingerprint } from '@/server/auth/local-recheck';
import type { MappedUser } from '@/server/auth/providers';
import { LOCAL_PROVIDER_ID, localProvider, oidcProvider } from '@/server/auth/providers';
import { isSessionRevoked, revokeSession, sessionRevocations } from '@/server/auth/sessions';
import { serverEnv } from '@/server/env';
import { logger } from '@/server/observability/log';

// next-auth v4 configuration (ADR 0004). Sessions are JWTs encrypted with NEXTAUTH_SECRET (JWE,
// next-auth's default) in an httpOnly, SameSite=Lax cookie. The token holds only the Kubernetes user,
// groups, a session id, the sign-in time and how the person signed in: provider tokens (access,
// refresh, ID) are dropped in the jwt callback and never reach the cookie, let alone the browser.
//
// Lifetime is ABSOLUTE: a session ends WHEELHOUSE_SESSION_MAX_AGE after sign-in, however often it is
// renewed (the cookie's own `exp` is set to that instant on every re-encode). Every renewal (the jwt
// callback: /api/auth/session and each server-side decode) asks the database whether the session was
// revoked and re-reads local accounts; a refused session throws, and next-auth answers with no
// session and a cleared cookie.

const log = logger('auth');

/** What the encrypted session cookie holds. */
export interface WheelhouseToken {
  user: string;
  groups: string[];
  sid: string;
  /** Sign-in time (seconds since epoch): the session ends at auth + max age. */
  auth: number;
  /** How the person signed in: local accounts are re-checked on use, OIDC ones are not. */
  src: 'local' | 'oidc';
  /** Local account name and its password fingerprint at sign-in (local only). */
  lu?: string;
  lpw?: string;
}

/** What `/api/auth/session` (and so the browser) sees. */
export interface WheelhouseSession extends Session {
  user: { name: string; groups: string[] };
  sid: string;
  /**
   * The same instant as `expires`. next-auth's getServerSession deletes `expires` from its answer in
   * the App Router (server components and route handlers); the server reads this copy instead.
   */
  expiresAt: string;
}

/**
 * The local account behind a session, for the per-request re-check (server/auth/identity.ts). A
 * symbol key: it travels in-process from the session callback to getServerSession's caller, and
 * JSON (the /api/auth/session answer) leaves it out.
 */
export const LOCAL_ACCOUNT = Symbol.for('wheelhouse.session.local-account');
export interface LocalAccount {
  name: string;
  fingerprint?: string;
}

/** A session that must end: thrown from the jwt callback, so next-auth clears the cookie. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
}

export function isWheelhouseToken(token: JWT | null | undefined): token is JWT & WheelhouseToken {
  return (
    typeof token?.user === 'string' &&
    typeof token.sid === 'string' &&
    typeof token.auth === 'number' &&
    (token.src === 'local' || token.src === 'oidc') &&
    Array.isArray(token.groups) &&
    token.groups.every((g) => typeof g === 'string')
  );
}

/** When a session signed in at `auth` (seconds) ends, in ms. */
export function absoluteExpiry(auth: number, settings: Pick<AuthSettings, 'sessionMaxAgeSeconds'>): number {
  return (auth + settings.sessionMaxAgeSeconds) * 1000;
}

// Outside production a missing secret is replaced by a per-process random one (sessions end on
// restart); production refuses to start without a strong one (instrumentation.ts, authProblems).
const devSecret = randomBytes(32).toString('base64url');

let cached: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  if (cached) return cached;
  const settings = serverEnv().auth;
  const problems = authProblems(settings).filter((p) => settings.production || !p.startsWith('No sign-in'));
  if (settings.production && problems.length)
    throw new Error(`Sign-in is misconfigured:\n  - ${problems.join('\n  - ')}`);
  const secure = settings.publicUrl?.startsWith('https://') ?? false;
  cached = {
    secret: settings.secret ?? devSecret,
    providers: [
      ...(settings.oidc ? [oidcProvider(settings.oidc, settings)] : []),
      ...(settings.local ? [localProvider(settings)] : []),
    ],
    session: { strategy: 'jwt', maxAge: settings.sessionMaxAgeSeconds },
    jwt: {
      maxAge: settings.sessionMaxAgeSeconds,
      // next-auth re-encodes the cookie with a fresh `exp` (now + maxAge) on every renewal; ours
      // keeps the sign-in's absolute end instead.
      encode(params) {
        const auth = params.token?.auth;
        const left =
          typeof auth === 'number'
            ? Math.floor(absoluteExpiry(auth, settings) / 1000) - Math.floor(Date.now() / 1000)
            : params.maxAge;
        return encode({ ...params, maxAge: Math.max(1, left ?? settings.sessionMaxAgeSeconds) });
      },
    },
    useSecureCookies: secure,
    cookies: sessionCookies(secure),
    pages: { signIn: '/sign-in', error: '/sign-in', signOut: '/sign-in' },
    callbacks: {
      signIn({ user }) {
        const mapped = user as MappedUser;
        return !mapped.refused && typeof mapped.k8sUser === 'string';
      },
      async jwt({ token, user, account }): Promise<JWT> {
        if (user) {
          const mapped = user as MappedUser;
          const local = account?.provider === LOCAL_PROVIDER_ID;
          // A fresh object: nothing the provider returned (tokens, e-mail, picture) is carried over.
          const fresh: WheelhouseToken = {
            user: mapped.k8sUser ?? '',
            groups: mapped.k8sGroups ?? [],
            sid: randomUUID(),
            auth: Math.floor(Date.now() / 1000),
            src: local ? 'local' : 'oidc',
            ...(local ? { lu: user.id, lpw: localFingerprint(settings, user.id) } : {}),
          };
          return { ...fresh };
        }
        return { ...(await renewable(token, settings)) };
      },
      session({ session, token }): Session {
        if (!isWheelhouseToken(token) || isSessionRevoked(token.sid)) return { expires: session.expires };
        const expires = new Date(absoluteExpiry(token.auth, settings)).toISOString();
        const out: WheelhouseSession & { [LOCAL_ACCOUNT]?: LocalAccount } = {
          user: { name: token.user, groups: token.groups },
          sid: token.sid,
          expires,
          expiresAt: expires,
        };
        if (token.src === 'local' && token.lu) out[LOCAL_ACCOUNT] = { name: token.lu, fingerprint: token.lpw };
        return out;
      },
    },
    events: {
      async signOut({ token }) {
        if (!isWheelhouseToken(token)) return;
        await revokeSession(token.sid, absoluteExpiry(token.auth, settings));
      },
    },
    logger: {
      error(code, metadata) {
        const err = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        // A refused session (signed out, expired, account removed) is routine, not a server error.
        if (err instanceof SessionEndedError) log.info({ code, reason: err.message }, 'session refused');
        else log.error({ code, err: err instanceof Error ? err.message : undefined }, 'next-auth error');
      },
      warn(code) {
        if (code !== 'DEBUG_ENABLED') log.warn({ code }, 'next-auth warning');
      },
      debug() {},
    },
  };
  return cached;
}

/** The renewal check: the token as it may continue, or SessionEndedError. */
async function renewable(token: JWT, settings: AuthSettings): Promise<WheelhouseToken> {
  if (!isWheelhouseToken(token)) throw new SessionEndedError('not a current Wheelhouse session');
  if (absoluteExpiry(token.auth, settings) <= Date.now()) throw new SessionEndedError('expired');
  // Never loaded (the database was down since start): this rejects, and no session is trusted.
  const sync = await sessionRevocations();
  let revoked: boolean;
  try {
    revoked = await sync.isRevokedDurably(token.sid);
  } catch (err) {
    // Database unreachable after the revocations were loaded: the in-memory set (polled until the
    // outage) still answers; a revocation nobody could write cannot be missed.
    log.warn({ err }, 'revocation check fell back to memory');
    revoked = isSessionRevoked(token.sid);
  }
  if (revoked) throw new SessionEndedError('signed out');
  let { user, groups } = token;
  if (token.src === 'local') {
    const current = currentLocalIdentity(settings, token.lu ?? '', token.lpw);
    if (!current) throw new SessionEndedError('local account removed or changed');
    ({ user, groups } = current);
  }
  return {
    user,
    groups: [...groups],
    sid: token.sid,
    auth: token.auth,
    src: token.src,
    ...(token.src === 'local' ? { lu: token.lu, lpw: token.lpw } : {}),
  };
}
