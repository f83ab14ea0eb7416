// Which requests the lean list handler answers (ADR 0026): exactly those Next.js would route to
// app/api/k8s/[cluster]/[kind]/route.ts's GET, and only the plain ones. Anything else, or anything in
// doubt, is passed on to Next.js unchanged. Pure, so it is unit-tested.

import 'server-only';

export interface LeanListRequest {
  cluster: string;
  kind: string;
  searchParams: URLSearchParams;
}

/**
 * The static folders beside `[kind]` in app/api/k8s/[cluster]/ (`_kinds` is the folder `%5Fkinds`):
 * Next.js routes these names to their own handlers, never to `[kind]`. route.test.ts checks this list
 * against the folders, so a new sibling route cannot be shadowed.
 */
export const SIBLING_ROUTES: ReadonlySet<string> = new Set([
  '_kinds',
  'attention',
  'certificate-health',
  'helm-releases',
  'references',
  'secrets',
  'tls-secrets',
  'why',
]);

// Lower-case DNS-style segments only: no `%` (proxy.ts runs for such paths), no dot segments, no
// trailing slash (Next redirects it), no upper case (Next matches static segments case-insensitively).
const PATH = /^\/api\/k8s\/([a-z0-9][a-z0-9-]{0,62})\/([a-z0-9][a-z0-9.-]{0,252})$/;

/** Request headers that ask Next.js for something other than a plain route answer (RSC, prefetch, middleware). */
function nextSpecific(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  for (const name of Object.keys(headers)) {
    if (name === 'rsc' || name.startsWith('next-') || name.startsWith('x-middleware') || name.startsWith('x-nextjs'))
      return true;
  }
  return false;
}

export function leanListRequest(
  method: string | undefined,
  url: string | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): LeanListRequest | null {
  if (method !== 'GET' || !url) return null;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const m = PATH.exec(path);
  if (!m) return null;
  const [, cluster, kind] = m;
  if (!cluster || !kind || SIBLING_ROUTES.has(kind) || kind.includes('..')) return null;
  if (nextSpecific(headers)) return null;
  // Parsed as a URL, as the route handler's `new URL(request.url).searchParams` does (same escaping).
  return { cluster, kind, searchParams: new URL(url, 'http://localhost').searchParams };
}
