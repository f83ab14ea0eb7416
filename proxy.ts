import type { NextRequest } from 'next/server';
import { NextResponse } from 'next/server';

import { API_RESPONSE_HEADERS, HSTS, newNonce, securityHeaders } from '@/lib/security/headers';

// Runs before every request but the cluster API's (Next 16's name for middleware; see `config`). It sets the security headers with a
// fresh CSP nonce (Next.js reads it from the request's CSP header and puts it on its own scripts) and
// sends page requests without any session cookie to the sign-in page. It is NOT the auth gate: every
// page, route handler and stream checks the session itself (CVE-2025-29927 showed why).

const SESSION_COOKIE = /^(__Host-|__Secure-)?next-auth\.session-token(\.\d+)?$/;
const PUBLIC_PAGES = ['/sign-in'];

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const https =
    request.nextUrl.protocol === 'https:' ||
    request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  const headers = securityHeaders({ nonce, https, development: process.env.NODE_ENV === 'development' });

  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith('/api/');
  // Next.js decodes path segments for dynamic routes and answers a malformed one (`%zz`, a truncated
  // UTF-8 sequence) with a plain-text 500 without our headers. Answer 400 here, before routing.
  if (!isWellFormedPath(pathname)) return malformedPath(isApi, https, headers);
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  if (!isApi && !hasSession && !PUBLIC_PAGES.includes(pathname)) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return withHeaders(NextResponse.redirect(url), headers);
  }

  const requestHeaders = new Headers(request.headers);
  // Whatever a client sends here is never trusted: drop it before anything downstream can read it.
  for (const name of [...requestHeaders.keys()]) {
    if (name.startsWith('impersonate-') || name === 'x-middleware-subrequest') requestHeaders.delete(name);
  }
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '');
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // The event stream must not be compressed (gzip buffers events): no-transform keeps Next.js'
  // compression and proxies off it. Same value as server/http/event-stream.ts sets.
  const cacheControl = pathname === '/api/stream' ? 'private, no-store, no-transform' : 'private, no-store';
  return withHeaders(response, { ...headers, 'Cache-Control': cacheControl });
}

/** Every segment decodes as UTF-8 (decodeURIComponent throws URIError otherwise). */
export function isWellFormedPath(pathname: string): boolean {
  if (!pathname.includes('%')) return true;
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

function malformedPath(isApi: boolean, https: boolean, pageHeaders: Record<string, string>): NextResponse {
  const message = 'The address is not valid: it contains malformed percent-encoding.';
  // API answers carry the API header set (as the cluster API's own handlers do, ADR 0009); pages the
  // page set. Both forbid framing, sniffing and caching.
  const headers = isApi
    ? { ...API_RESPONSE_HEADERS, ...(https ? { 'Strict-Transport-Security': HSTS } : {}) }
    : { ...pageHeaders, 'Cache-Control': 'private, no-store' };
  const response = isApi
    ? NextResponse.json({ error: { kind: 'invalid', message } }, { status: 400 })
    : new NextResponse(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return withHeaders(response, headers);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Not the cluster API (/api/k8s/…): its handlers check the session and the request themselves and
  // set their own headers (lib/security/headers.ts API_RESPONSE_HEADERS); ADR 0009. Nor the icons and
  // the web manifest (public/, app/icon.svg, app/apple-icon.png, app/manifest.ts): the sign-in page
  // needs them before anyone has a session.
  matcher: [
    {
      source:
        '/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png|manifest.webmanifest|icons/|api/k8s/).*)',
    },
    // …except a path with a `%` in it, wherever it points: it may be malformed (see above), and no
    // valid cluster API path has one (names are DNS labels), so the hot path never pays for this.
    { source: '/(.*%.*)' },
  ],
};
