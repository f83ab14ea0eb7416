import 'server-only';

import type { CookiesOptions } from 'next-auth';

// next-auth's cookies. Over https every one gets the `__Host-` prefix: the browser then only accepts
// it with Secure, Path=/ and no Domain, so a sibling subdomain (or a plain-http page on the same
// host) cannot plant or overwrite a session, callback or CSRF cookie (cookie tossing). next-auth's own
// default is the weaker `__Secure-` for most of them. Over http (the local demo) browsers refuse both
// prefixes, so the names stay plain.

type CookieName = keyof CookiesOptions;
const NAMES: Record<CookieName, string> = {
  sessionToken: 'next-auth.session-token',
  callbackUrl: 'next-auth.callback-url',
  csrfToken: 'next-auth.csrf-token',
  pkceCodeVerifier: 'next-auth.pkce.code_verifier',
  state: 'next-auth.state',
  nonce: 'next-auth.nonce',
};
// The OAuth round-trip cookies only need to outlive one sign-in at the identity provider.
const SHORT_LIVED = new Set<CookieName>(['pkceCodeVerifier', 'state']);

export function sessionCookies(secure: boolean): CookiesOptions {
  const prefix = secure ? '__Host-' : '';
  const entries = (Object.keys(NAMES) as CookieName[]).map((key) => [
    key,
    {
      name: `${prefix}${NAMES[key]}`,
      options: {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure,
        ...(SHORT_LIVED.has(key) ? { maxAge: 15 * 60 } : {}),
      },
    },
  ]);
  return Object.fromEntries(entries) as CookiesOptions;
}

/** The session cookie and its chunks (`.0`, `.1`, …) under any of the names we or older versions set. */
export const SESSION_COOKIE_NAME = /^(__Host-|__Secure-)?next-auth\.session-token(\.\d+)?$/;
