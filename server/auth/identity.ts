import 'server-only';

import { getServerSession } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import { currentLocalIdentity } from '@/server/auth/local-recheck';
import { authOptions, LOCAL_ACCOUNT, type LocalAccount, type WheelhouseSession } from '@/server/auth/options';
import { SessionCache, sessionCookieKey } from '@/server/auth/session-cache';
import { isSessionRevoked, onSessionRevoked, sessionRevocations } from '@/server/auth/sessions';
import { serverEnv } from '@/server/env';
import { logger } from '@/server/observability/log';
import { noteRequestUser } from '@/server/observability/request-context';

// Who is asking: the signed-in person's Kubernetes identity, from the encrypted session cookie, or
// null. Every page, route handler and stream calls this itself (STYLE.md rule 4). There is no
// development identity and no fallback to the dashboard's own identity (ADR 0004).

export interface Identity {
  user: string;
  groups: string[];
}

export interface CurrentSession {
  identity: Identity;
  sessionId: string;
  expiresAt: number;
  /** Set for local accounts: re-checked against the users file on every request. */
  local?: LocalAccount;
}

const log = logger('auth');

/**
 * What getServerSession answered, as the server's session, or null. The expiry comes from
 * `expiresAt`: in the App Router next-auth deletes `expires` from the answer, and a session without a
 * readable expiry would never be cached and would never end the streams it opened.
 */
export function toCurrentSession(session: unknown): CurrentSession | null {
  const s = session as Partial<WheelhouseSession> | null;
  if (typeof s?.sid !== 'string' || typeof s.user?.name !== 'string' || !Array.isArray(s.user.groups)) return null;
  const expiresAt = Date.parse(s.expiresAt ?? '');
  if (!Number.isFinite(expiresAt)) return null;
  const local = (session as { [LOCAL_ACCOUNT]?: LocalAccount })[LOCAL_ACCOUNT];
  return {
    identity: { user: s.user.name, groups: [...s.user.groups] },
    sessionId: s.sid,
    expiresAt,
    ...(local ? { local } : {}),
  };
}

// Decoded sessions by cookie hash (server/auth/session-cache.ts); on globalThis so every route
// bundle shares one. 30 s bounds how long a cookie decoded once is trusted without decoding again;
// sign-out still takes effect at once through the revocation check below.
const CACHE_KEY = Symbol.for('wheelhouse.auth.session-cache');
function decodedSessions(): SessionCache<CurrentSession> {
  const g = globalThis as typeof globalThis & { [CACHE_KEY]?: SessionCache<CurrentSession> };
  g[CACHE_KEY] ??= new SessionCache<CurrentSession>({ ttlMs: 30_000, maxEntries: 10_000 });
  return g[CACHE_KEY];
}

export async function currentSession(): Promise<CurrentSession | null> {
  return sessionFromCookies((await cookies()).getAll(), () => getServerSession(authOptions()));
}

/**
 * The session carried by these request cookies, or null: the one implementation of the rules (cache
 * by cookie hash, revocations loaded and checked, absolute expiry, local accounts re-checked).
 * `decode` runs next-auth's session action on the same cookies; currentSession() passes the App
 * Router form, the lean list handler (server/http/lean/session.ts, ADR 0026) the Node request form.
 */
export async function sessionFromCookies(
  requestCookies: readonly { name: string; value: string }[],
  decode: () => Promise<unknown>,
): Promise<CurrentSession | null> {
  const key = sessionCookieKey(requestCookies);
  if (!key) return null;
  try {
    // Until this replica has loaded the revocations, no session is trusted (fail closed).
    await sessionRevocations();
  } catch {
    return null;
  }
  const cache = decodedSessions();
  const hit = cache.get(key);
  if (hit) return noted(stillValid(hit));

  let session: unknown;
  try {
    session = await decode();
  } catch (err) {
    // A misconfigured or tampered cookie is "not signed in", never a crash; configuration errors
    // surface at start-up (instrumentation.ts).
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'session check failed');
    return null;
  }
  const current = toCurrentSession(session);
  if (!current) return null;
  cache.set(key, current);
  return noted(stillValid(current));
}

/** The request's log line names who asked (server/observability/http.ts). */
function noted(session: CurrentSession | null): CurrentSession | null {
  if (session) noteRequestUser(session.identity.user);
  return session;
}

/**
 * The per-request checks, without a database round trip: revoked (the in-memory set the poll keeps
 * current), past its absolute end, and for local accounts the users file as it is now (removed →
 * no session; changed groups → the new groups).
 */
function stillValid(session: CurrentSession): CurrentSession | null {
  if (isSessionRevoked(session.sessionId) || session.expiresAt <= Date.now()) return null;
  if (!session.local) return session;
  const now = currentLocalIdentity(serverEnv().auth, session.local.name, session.local.fingerprint);
  if (!now) return null;
  return { ...session, identity: { user: now.user, groups: [...now.groups] } };
}

export async function currentIdentity(): Promise<Identity | null> {
  return (await currentSession())?.identity ?? null;
}

/** For pages: the identity, or a redirect to the sign-in page (which returns to `returnTo`). */
export async function requireIdentity(returnTo?: string): Promise<Identity> {
  const identity = await currentIdentity();
  if (identity) return identity;
  const safe = returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : undefined;
  redirect(safe ? `/sign-in?callbackUrl=${encodeURIComponent(safe)}` : '/sign-in');
}

/**
 * A signal that aborts when the request ends, the session is signed out, or it expires: long-lived
 * responses (the event stream) pass it on so that sign-out closes them at once.
 */
export function sessionBoundSignal(session: CurrentSession, requestSignal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const off = onSessionRevoked(session.sessionId, abort);
  const ms = Math.min(Math.max(0, session.expiresAt - Date.now()), 2_147_000_000);
  const timer = setTimeout(abort, Number.isFinite(ms) ? ms : 2_147_000_000);
  const cleanup = () => {
    off();
    clearTimeout(timer);
    requestSignal.removeEventListener('abort', abort);
  };
  controller.signal.addEventListener('abort', cleanup, { once: true });
  if (requestSignal.aborted) abort();
  else requestSignal.addEventListener('abort', abort, { once: true });
  return controller.signal;
}
