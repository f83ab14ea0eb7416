import 'server-only';

import { serverEnv } from '@/server/env';

// CSRF defence for every mutating route handler (route handlers get none from Next.js; server actions
// only compare Origin with Host and merely warn when Origin is missing). Three independent checks:
//  1. Sec-Fetch-Site, when the browser sends it, must be `same-origin` (a sibling subdomain is
//     `same-site`, which SameSite=Lax cookies do not stop: Argo CD CVE-2024-22424).
//  2. Origin must be present, not `null` (sandboxed frames, file: pages, some redirects) and equal the
//     dashboard's public origin (NEXTAUTH_URL) or, without one configured, the request's own origin.
//  3. A body must be JSON; a body-less request must carry the custom header. Both force a CORS
//     preflight for cross-origin callers, so a plain HTML form (`text/plain`, urlencoded) never works.

/** Clients send this on mutations without a JSON body (e.g. DELETE); any value but empty works. */
export const CSRF_HEADER = 'x-wheelhouse-request';

export type GuardFailure = 'cross-site' | 'origin-missing' | 'origin-null' | 'origin-mismatch' | 'content-type';

export interface GuardOptions {
  /** Origins allowed to mutate; empty = the request URL's own origin. */
  allowedOrigins: readonly string[];
}

/** The pure decision, separated for unit tests; null = may proceed. */
export function checkMutation(request: Request, options: GuardOptions): GuardFailure | null {
  const headers = request.headers;
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') return 'cross-site';

  const origin = headers.get('origin');
  if (origin === null || origin === '') return 'origin-missing';
  if (origin === 'null') return 'origin-null';
  const allowed = options.allowedOrigins.length > 0 ? options.allowedOrigins : [originOf(request.url)];
  if (!allowed.includes(origin)) return 'origin-mismatch';

  const contentType = headers.get('content-type');
  if (contentType !== null && contentType !== '') {
    if (!isJsonMediaType(contentType)) return 'content-type';
  } else if (!headers.get(CSRF_HEADER)) {
    return 'content-type';
  }
  return null;
}

const MESSAGES: Record<GuardFailure, string> = {
  'cross-site': 'Cross-site requests may not change anything',
  'origin-missing': 'The request has no Origin header',
  'origin-null': 'Requests from an opaque origin may not change anything',
  'origin-mismatch': 'The request comes from another origin',
  'content-type': `Send JSON (Content-Type: application/json) or the ${CSRF_HEADER} header`,
};

/** Contract 3: a 403 JSON response when a mutation must be refused, null when it may proceed. */
export function guardMutation(request: Request): Response | null {
  const failure = checkMutation(request, { allowedOrigins: publicOrigins() });
  if (!failure) return null;
  return Response.json(
    { error: { kind: 'forbidden', reason: failure, message: MESSAGES[failure] } },
    { status: 403, headers: { 'Cache-Control': 'private, no-store' } },
  );
}

function publicOrigins(): string[] {
  const url = serverEnv().auth.publicUrl;
  return url ? [originOf(url)] : [];
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

function isJsonMediaType(contentType: string): boolean {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}
