import 'server-only';

import { randomBytes, randomUUID } from 'node:crypto';

import type { AuthOptions, Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';

import { authProblems } from '@/server/auth/auth-env';
import type { MappedUser } from '@/server/auth/providers';
import { localProvider, oidcProvider } from '@/server/auth/providers';
import { isSessionRevoked, revokeSession } from '@/server/auth/sessions';
import { serverEnv } from '@/server/env';

// next-auth v4 configuration (ADR 0004). Sessions are JWTs encrypted with NEXTAUTH_SECRET (JWE,
// next-auth's default) in an httpOnly, SameSite=Lax cookie. The token holds only the Kubernetes user,
// groups and a session id: provider tokens (access, refresh, ID) are dropped in the jwt callback and
// never reach the cookie, let alone the browser-readable session.

/** What the encrypted session cookie holds. */
export interface WheelhouseToken {
  user: string;
  groups: string[];
  sid: string;
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

export function isWheelhouseToken(token: JWT | null | undefined): token is JWT & WheelhouseToken {
  return (
    typeof token?.user === 'string' &&
    typeof token.sid === 'string' &&
    Array.isArray(token.groups) &&
    token.groups.every((g) => typeof g === 'string')
  );
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
    jwt: { maxAge: settings.sessionMaxAgeSeconds },
    // Cookie names get the __Secure- prefix and the Secure flag when the public URL is https.
    useSecureCookies: secure,
    pages: { signIn: '/sign-in', error: '/sign-in', signOut: '/sign-in' },
    callbacks: {
      signIn({ user }) {
        const mapped = user as MappedUser;
        return !mapped.refused && typeof mapped.k8sUser === 'string';
      },
      jwt({ token, user }): JWT {
        if (user) {
          const mapped = user as MappedUser;
          // A fresh object: nothing the provider returned (tokens, e-mail, picture) is carried over.
          return { user: mapped.k8sUser ?? '', groups: mapped.k8sGroups ?? [], sid: randomUUID() };
        }
        if (!isWheelhouseToken(token)) return {};
        // `exp` is the expiry of the cookie this request presented (encode sets a new one anyway);
        // the session callback reports it, since server rendering cannot renew the cookie.
        return { user: token.user, groups: [...token.groups], sid: token.sid, exp: token.exp };
      },
      session({ session, token }): Session {
        if (!isWheelhouseToken(token) || isSessionRevoked(token.sid)) return { expires: session.expires };
        const cookieExpiry = typeof token.exp === 'number' ? token.exp * 1000 : Infinity;
        const expires = new Date(Math.min(Date.parse(session.expires), cookieExpiry)).toISOString();
        const out: WheelhouseSession = {
          user: { name: token.user, groups: token.groups },
          sid: token.sid,
          expires,
          expiresAt: expires,
        };
        return out;
      },
    },
    events: {
      signOut({ token }) {
        if (!isWheelhouseToken(token)) return;
        const exp =
          typeof token.exp === 'number' ? token.exp * 1000 : Date.now() + settings.sessionMaxAgeSeconds * 1000;
        revokeSession(token.sid, exp);
      },
    },
    logger: {
      error(code, metadata) {
        console.error(`[auth] ${code}`, metadata instanceof Error ? metadata.message : '');
      },
      warn(code) {
        if (code !== 'DEBUG_ENABLED') console.warn(`[auth] ${code}`);
      },
      debug() {},
    },
  };
  return cached;
}
