import 'server-only';

import type { IncomingHttpHeaders } from 'node:http';

import { getServerSession } from 'next-auth';
import { RequestCookies } from 'next/dist/compiled/@edge-runtime/cookies';

import { type CurrentSession, sessionFromCookies } from '@/server/auth/identity';
import { authOptions } from '@/server/auth/options';

// The signed-in person of a request the lean list handler answers (ADR 0026), by the same rules as
// currentSession(): sessionFromCookies is shared, and next-auth's own getServerSession decodes the
// cookie (same secret, same JWE, same callbacks), called in its Node form because Next's request
// scope (cookies(), headers()) does not exist outside Next's routing. The inputs are built the way
// Next builds them for a route handler: the same cookie parser, header values joined the same way.

/** Request headers as Next's `headers()` iterates them: lower-case names, repeated values joined. */
export function plainHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The request's cookies as Next's `cookies()` parses them. */
export function requestCookies(headers: Record<string, string>): { name: string; value: string }[] {
  return new RequestCookies(new Headers({ cookie: headers.cookie ?? '' })).getAll();
}

// getServerSession's Node form may set cookies on the response it is given; the App Router form
// (currentSession) drops them, and so does this one: a list answer never changes the session.
const NO_RESPONSE = { getHeader() {}, setCookie() {}, setHeader() {} };

export async function leanSession(nodeHeaders: IncomingHttpHeaders): Promise<CurrentSession | null> {
  const headers = plainHeaders(nodeHeaders);
  const cookies = requestCookies(headers);
  const req = { headers, cookies: Object.fromEntries(cookies.map((c) => [c.name, c.value])) };
  return sessionFromCookies(cookies, () =>
    // next-auth types its Node form with Next's API request/response; it reads only these fields.
    getServerSession(req as never, NO_RESPONSE as never, authOptions()),
  );
}
