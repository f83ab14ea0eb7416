import type { KubeErrorKind, KubeErrorSummary } from '@/lib/k8s/dto';

// The one client request layer: every call from the browser to the dashboard's own API goes through
// apiFetch, and every failure becomes an ApiError carrying what the server said in words
// (`{error: {kind, message}}`, the KubeErrorSummary shape of server/http/responses.ts), the HTTP
// status and, on 429/503, how long to wait. An answer that is not JSON (a proxy's 502 page, an
// empty 504) still becomes an ApiError with a sentence a person can act on.

/** The error kinds the server answers with: Kubernetes' (errors.ts), sign-in, and Prometheus' own. */
export type ApiErrorKind =
  | KubeErrorKind
  | 'unauthenticated'
  | 'rate-limited'
  | 'prometheus-unavailable'
  | 'prometheus-not-configured'
  | (string & {});

/** A failed API call. `message` is the server's sentence when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ApiErrorKind,
    message: string,
    /** Seconds to wait before trying again (Retry-After), when the server said so. */
    readonly retryAfter?: number,
    /** The parsed JSON body of the answer, when there was one (e.g. an action's `{ok: false, …}`). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The sentence for an answer that carried no message of its own. */
export function statusMessage(status: number): string {
  if (status === 401) return 'Your session has ended: sign in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests: wait a moment and try again.';
  if (status === 502 || status === 503 || status === 504)
    return `The dashboard did not answer (${status}): it may be restarting; try again in a moment.`;
  return `Request failed (${status}).`;
}

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'too-many-requests';
  if (status === 504) return 'timeout';
  if (status >= 500) return 'server-error';
  return 'unknown';
}

function retryAfterOf(res: Response): number | undefined {
  const header = res.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The ApiError for a non-2xx answer whose body (JSON or not) has been read. */
export function apiErrorOf(res: Response, body: unknown): ApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error
      ? (body.error as { kind?: unknown; message?: unknown })
      : undefined;
  const kind = typeof error?.kind === 'string' && error.kind ? error.kind : kindOfStatus(res.status);
  const message =
    typeof error?.message === 'string' && error.message.trim() ? error.message : statusMessage(res.status);
  return new ApiError(res.status, kind, message, retryAfterOf(res), body ?? undefined);
}

/** The ApiError of a failed answer, reading its body (for callers that stream the body on success). */
export async function apiErrorFrom(res: Response): Promise<ApiError> {
  return apiErrorOf(res, await readBody(res));
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface ApiFetchInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * GET (or send JSON to) one of the dashboard's API routes and return the parsed JSON answer.
 * Throws ApiError on any non-2xx answer, and when a 2xx answer is not JSON.
 */
export async function apiFetch<T>(url: string, init: ApiFetchInit = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: init.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiError(0, 'unreachable', 'The dashboard cannot be reached: check your connection and try again.');
  }
  const body = await readBody(res);
  if (!res.ok) throw apiErrorOf(res, body);
  if (body === undefined && res.status !== 204) {
    throw new ApiError(res.status, 'server-error', 'The dashboard sent an answer that is not JSON.');
  }
  return body as T;
}

const KUBE_ERROR_KINDS = new Set<string>([
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'gone',
  'invalid',
  'too-many-requests',
  'server-error',
  'timeout',
  'unreachable',
  'tls',
  'config',
  'unknown',
] satisfies KubeErrorKind[]);

/** A query's error as the KubeErrorSummary error panels render. */
export function errorSummaryOf(error: unknown): KubeErrorSummary {
  if (error instanceof ApiError) {
    const kind = KUBE_ERROR_KINDS.has(error.kind) ? (error.kind as KubeErrorKind) : 'unknown';
    return { kind, status: error.status || undefined, message: error.message };
  }
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}
