import 'server-only';

import type { KubeErrorKind } from '@/lib/k8s/dto';
import { API_RESPONSE_HEADERS } from '@/lib/security/headers';
import { toKubeError } from '@/server/k8s/errors';

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

/** Maps any failure to `{error: {kind, message}}` with a fitting status (errors are mapped once, in errors.ts). */
export function kubeErrorResponse(err: unknown, cluster: string): Response {
  const e = toKubeError(err, { cluster });
  const status = STATUS_BY_KIND[e.kind] ?? (e.status && e.status >= 400 && e.status < 600 ? e.status : 500);
  return jsonError(status, e.kind, e.message);
}
