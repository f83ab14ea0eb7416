import 'server-only';

import type { KubeErrorKind } from '@/lib/k8s/dto';
import { API_RESPONSE_HEADERS } from '@/lib/security/headers';
import { publicSummary, toKubeError } from '@/server/k8s/errors';

// JSON answers of route handlers. Per-user data is never cached by a browser or proxy, and each
// answer carries its own security headers (the cluster API routes skip proxy.ts, ADR 0009).

export const PRIVATE_NO_STORE = API_RESPONSE_HEADERS;

export type ErrorKind = KubeErrorKind | 'unauthenticated';

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: PRIVATE_NO_STORE });
}

export function jsonError(status: number, kind: ErrorKind, message: string): Response {
  return json({ error: { kind, message } }, status);
}

export const unauthenticated = (): Response => jsonError(401, 'unauthenticated', 'Sign in to use the dashboard');

// Failures without an HTTP status from the API server (network, TLS, config) are the dashboard's
// problem talking upstream; a 401 from the API server means the dashboard's own credentials failed,
// which the signed-in person cannot fix either, so it is not passed on as "sign in again".
const STATUS_BY_KIND: Partial<Record<KubeErrorKind, number>> = {
  unauthorized: 502,
  timeout: 504,
  unreachable: 502,
  tls: 502,
  config: 500,
  unknown: 500,
};

/**
 * The answer's status for an API server status: a client's mistake (4xx) is passed on as it is, so
 * it is never a 500; the API server's own failure (500) is a bad gateway from where the browser
 * stands; 503/504 keep their meaning (retry later).
 */
export function statusForUpstream(upstream: number | undefined): number {
  if (upstream === undefined || upstream < 400 || upstream >= 600) return 500;
  if (upstream < 500) return upstream === 401 ? 502 : upstream;
  return upstream === 503 || upstream === 504 ? upstream : 502;
}

// Request-side statuses the API server uses; any other 4xx (418, 451…) is answered as a plain 400.
const INVALID_STATUSES = new Set([400, 405, 413, 415, 422]);

/** Maps any failure to `{error: {kind, message}}` with a fitting status (errors are mapped once, in errors.ts). */
export function kubeErrorResponse(err: unknown, cluster: string): Response {
  const e = toKubeError(err, { cluster });
  let status = STATUS_BY_KIND[e.kind] ?? statusForUpstream(e.status);
  if (e.kind === 'invalid' && !INVALID_STATUSES.has(status)) status = 400;
  const response = jsonError(status, e.kind, publicSummary(e, cluster).message);
  // A refusal that says when to come back (the per-user access-review budget, ADR 0016).
  const retryAfter = (e as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (status === 429 && typeof retryAfter === 'number') response.headers.set('Retry-After', String(retryAfter));
  return response;
}
