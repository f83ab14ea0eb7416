import 'server-only';

import { z } from 'zod';

import type { KubeErrorKind, KubeErrorSummary } from '@/lib/k8s/dto';
import { revealHidden } from '@/lib/format/visible-text';
import { logger } from '@/server/observability/log';

// The one place Kubernetes and network failures become messages (STYLE.md rule 18). Everything that
// calls the API server wraps failures with `toKubeError` and renders `error.toSummary()`.

export interface KubeErrorContext {
  /** Route name of the cluster, e.g. "local". */
  cluster: string;
  /** API server URL, when known. */
  server?: string;
  /** The request timeout that applied, to say how long we waited. */
  timeoutMs?: number;
}

// Next.js gives each route bundle its own copy of this module, while process-wide state (the access
// budget, caches on globalThis) is created by whichever bundle came first: an error thrown by another
// copy's class fails `instanceof` here. The brand marks a KubeError from any copy (ADR 0026 found it:
// an AccessBudgetError answered 500 instead of 429 through one route bundle).
const BRAND = Symbol.for('wheelhouse.k8s.kube-error');

export function isKubeError(err: unknown): err is KubeError {
  return (
    err instanceof KubeError || (err instanceof Error && (err as unknown as Record<symbol, unknown>)[BRAND] === true)
  );
}

export class KubeError extends Error {
  readonly kind: KubeErrorKind;
  readonly status: number | undefined;
  readonly [BRAND] = true;

  constructor(kind: KubeErrorKind, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KubeError';
    this.kind = kind;
    this.status = options.status;
  }

  toSummary(): KubeErrorSummary {
    return this.status === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, status: this.status, message: this.message };
  }
}

// metav1.Status, the body of every API server error response.
const statusBody = z.object({ message: z.string().optional(), reason: z.string().optional() }).loose();

// Socket-level codes from Node (and node-fetch, which copies them onto FetchError.code).
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EPIPE: 'connection closed',
};

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function toKubeError(err: unknown, ctx: KubeErrorContext): KubeError {
  if (isKubeError(err)) return err;
  const status = httpStatusOf(err);
  if (status !== undefined) return fromHttpStatus(status, err, ctx);
  return fromTransportError(err, ctx);
}

function fromHttpStatus(status: number, err: unknown, ctx: KubeErrorContext): KubeError {
  const raw = apiMessageOf(err);
  const detail = raw === undefined ? undefined : sanitizeDetail(raw);
  const where = `cluster ${ctx.cluster}`;
  const withDetail = (text: string) => (detail ? `${text}: ${detail}` : text);
  const make = (kind: KubeErrorKind, message: string) => new KubeError(kind, message, { status, cause: err });
  switch (status) {
    case 400:
      // A bad container name, `previous` for a container that never restarted, a bad selector: the
      // request was wrong, and the API server says how.
      return make('invalid', withDetail(`The API server of ${where} refused the request (400)`));
    case 401:
      return make('unauthorized', `The API server of ${where} rejected the dashboard's credentials (401 Unauthorized)`);
    case 403:
      return make('forbidden', withDetail(`Not allowed by ${where} (403 Forbidden)`));
    case 404:
      return make('not-found', withDetail(`Not found in ${where} (404)`));
    case 409:
      return make('conflict', withDetail('Someone else changed the object (409 Conflict); reload and try again'));
    case 410:
      return make('gone', withDetail('The requested version is too old (410 Gone); reload to get the current state'));
    case 405:
    case 413:
    case 415:
    case 422:
      return make('invalid', withDetail(`The API server rejected the request as invalid (${status})`));
    case 429: {
      const retry = retryAfterOf(err);
      const hint = retry ? `; retry in ${retry}s` : '';
      return make('too-many-requests', `The API server of ${where} is throttling requests (429)${hint}`);
    }
    default:
      if (status >= 500) {
        // The API server's own failures often quote internal addresses (a kubelet's
        // https://10.x.x.x:10250/… it could not reach): logged, not passed on.
        if (raw) logInternal(new Error(sanitizeDetail(raw)), ctx, `API server answered ${status}`);
        return make('server-error', `The API server of ${where} failed (${status}); try again in a moment`);
      }
      // Any other 4xx is still about the request, not the dashboard.
      if (status >= 400)
        return make('invalid', withDetail(`The API server of ${where} refused the request (${status})`));
      return make('unknown', withDetail(`Unexpected response ${status} from ${where}`));
  }
}

function fromTransportError(err: unknown, ctx: KubeErrorContext): KubeError {
  const target = ctx.server ? `cluster ${ctx.cluster} at ${ctx.server}` : `cluster ${ctx.cluster}`;
  const name = stringProp(err, 'name');
  const code = stringProp(err, 'code') ?? stringProp(causeOf(err), 'code');

  // node-fetch reports our AbortSignal.timeout as AbortError; native fetch as TimeoutError.
  // RequestTimeoutError is server/k8s/transport.ts's own deadline.
  if (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    name === 'RequestTimeoutError' ||
    code === 'ETIMEDOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    const waited = ctx.timeoutMs ? ` within ${formatSeconds(ctx.timeoutMs)}` : '';
    return new KubeError('timeout', `The API server of ${target} did not answer${waited}`, { cause: err });
  }
  if (code && NETWORK_CODES[code]) {
    return new KubeError('unreachable', `Cannot reach ${target}: ${NETWORK_CODES[code]}`, { cause: err });
  }
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) {
    return new KubeError('tls', `Cannot verify the TLS connection to ${target}: ${code}`, { cause: err });
  }
  // The dashboard's own configuration or code failed: the person cannot act on the details (file
  // paths, module names), and they would tell an attacker about the server. Logged, not answered.
  if (code === 'ENOENT' || code === 'EACCES') {
    logInternal(err, ctx, 'cannot read the kubeconfig');
    return new KubeError(
      'config',
      `The dashboard cannot read its credentials for cluster ${ctx.cluster}; an administrator can find the details in the server log`,
      { cause: err },
    );
  }
  logInternal(err, ctx, 'request failed');
  return new KubeError(
    'unknown',
    `Request to ${target} failed inside the dashboard; an administrator can find the details in the server log`,
    { cause: err },
  );
}

/**
 * What a person is told about an error. Configuration errors are raised elsewhere too (cluster.ts
 * names the kubeconfig file and the parser's complaint): their details go to the server log, and
 * the answer says only which cluster and that an administrator can look.
 */
export function publicSummary(error: KubeError, cluster: string): KubeErrorSummary {
  if (error.kind !== 'config') return error.toSummary();
  logInternal(error, { cluster }, 'cluster configuration error');
  const to = cluster ? ` to cluster ${cluster}` : '';
  const message = `The dashboard's connection${to} is not configured correctly; an administrator can find the details in the server log`;
  return error.status === undefined ? { kind: 'config', message } : { kind: 'config', status: error.status, message };
}

function logInternal(err: unknown, ctx: KubeErrorContext, what: string): void {
  logger('k8s-errors').error({ err, cluster: ctx.cluster, server: ctx.server }, what);
}

/**
 * The API server's reason as we pass it on: one line, hidden and bidirectional characters made
 * visible (lib/format/visible-text.ts), at most MAX_DETAIL characters.
 */
const MAX_DETAIL = 300;
export function sanitizeDetail(detail: string): string {
  const visible = revealHidden(detail.trim());
  return visible.length > MAX_DETAIL ? `${visible.slice(0, MAX_DETAIL)}…` : visible;
}

/**
 * client-node 1.x throws ApiException { code: number, body: string } for non-2xx responses;
 * server/k8s/transport.ts throws HttpStatusError { statusCode: number, body: string }.
 */
function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('body' in err)) return undefined;
  const code = 'code' in err ? err.code : 'statusCode' in err ? err.statusCode : undefined;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

function apiMessageOf(err: unknown): string | undefined {
  const body = typeof err === 'object' && err !== null && 'body' in err ? err.body : undefined;
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim().slice(0, 2_000) || undefined;
    }
  }
  const result = statusBody.safeParse(parsed);
  return result.success ? result.data.message : undefined;
}

function retryAfterOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('headers' in err)) return undefined;
  const headers = err.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value: unknown = (headers as Record<string, unknown>)['retry-after'];
  return typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
}

function causeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'cause' in err ? err.cause : undefined;
}

function stringProp(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const prop: unknown = (value as Record<string, unknown>)[key];
  return typeof prop === 'string' ? prop : undefined;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
