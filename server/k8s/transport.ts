import 'server-only';

import { request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';

import type { KubeConfig } from '@kubernetes/client-node';

import { countConnection, sharedAgent, USER_AGENT, type AgentKind } from '@/server/k8s/agents';

// Our own HTTP layer to the API server, on node:https rather than client-node's fetch layer, because:
// - fetch merges repeated headers, so several `Impersonate-Group` values became one group name;
//   node:https sends one header line per array element (REFERENCE.md "client-node 1.x");
// - the reflector needs paginated lists and streaming watches with bookmarks and per-request deadlines.
// Credentials come from the kubeconfig through client-node (`applyToHTTPSOptions`), per request, so
// rotating tokens (in-cluster service account) keep working; connections are kept alive in one shared
// pool per credential (server/k8s/agents.ts) and every request says `User-Agent: wheelhouse/<version>`.

export interface Impersonation {
  user: string;
  groups: readonly string[];
}

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path, e.g. /api/v1/namespaces/a/pods. Callers build it from validated parts only. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Accept header; default JSON. PartialObjectMetadata reads metadata only (a Secret's data never comes). */
  accept?: string;
  impersonate?: Impersonation;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Metadata only (meta.k8s.io/v1 PartialObjectMetadata, served since 1.15): no spec, no status, no data. */
export const ACCEPT_METADATA_ONLY = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

export class HttpStatusError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: string,
  ) {
    super(`HTTP ${statusCode}`);
    this.name = 'HttpStatusError';
  }
}

export class EmptyImpersonationError extends Error {
  constructor() {
    super('refusing to impersonate an empty user or group name');
    this.name = 'EmptyImpersonationError';
  }
}

export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request timed out after ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export function buildUrl(server: string, path: string, query?: KubeRequest['query']): URL {
  const url = new URL(server);
  url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/** Impersonation headers: one `Impersonate-Group` line per group (node:http sends arrays that way). */
export function impersonationHeaders(who: Impersonation | undefined): Record<string, string | string[]> {
  if (!who) return {};
  // An empty (or blank: Node trims header values) Impersonate-User is no impersonation at all: the
  // API server would act as the dashboard itself. Refuse here, the last place before the wire.
  if (who.user.trim() === '' || who.groups.some((g) => g.trim() === '')) throw new EmptyImpersonationError();
  const headers: Record<string, string | string[]> = { 'Impersonate-User': who.user };
  if (who.groups.length) headers['Impersonate-Group'] = [...who.groups];
  return headers;
}

async function open(
  kc: KubeConfig,
  req: KubeRequest,
  kind: AgentKind = 'request',
): Promise<{ res: IncomingMessage; abort: () => void }> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig context names no cluster server');
  const url = buildUrl(server, req.path, req.query);
  const options: RequestOptions = { method: req.method ?? 'GET', headers: {} };
  await kc.applyToHTTPSOptions(options);
  // client-node just built a fresh https.Agent (a new TLS connection per request): use the pool instead.
  options.agent = sharedAgent(kc, options, kind);
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  options.headers = {
    ...(options.headers as Record<string, string>),
    accept: req.accept ?? 'application/json',
    'user-agent': USER_AGENT,
    ...impersonationHeaders(req.impersonate),
    ...(payload
      ? { 'content-type': req.contentType ?? 'application/json', 'content-length': Buffer.byteLength(payload) }
      : {}),
  };
  try {
    return await send(kc, url, options, req, payload);
  } catch (err) {
    // A kept-alive socket the server closed just as we reused it fails before any answer. Only reads
    // are retried (once, on a new connection); a write may have reached the server.
    if (!(err instanceof StaleSocketError) || options.method !== 'GET')
      throw err instanceof StaleSocketError ? err.cause : err;
    return send(kc, url, options, req, payload);
  }
}

class StaleSocketError extends Error {
  constructor(override readonly cause: unknown) {
    super('reused connection closed by the server', { cause });
  }
}

function send(
  kc: KubeConfig,
  url: URL,
  options: RequestOptions,
  req: KubeRequest,
  payload: string | undefined,
): Promise<{ res: IncomingMessage; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const r = request(url, options, (res) => resolve({ res, abort: () => r.destroy() }));
    const timer = setTimeout(() => r.destroy(new RequestTimeoutError(req.timeoutMs)), req.timeoutMs);
    let answered = false;
    r.on('socket', () => countConnection(kc, r.reusedSocket));
    r.on('response', () => {
      answered = true;
      clearTimeout(timer);
    });
    r.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const stale = r.reusedSocket && !answered && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
      reject(stale ? new StaleSocketError(err) : err);
    });
    // An already-aborted signal never fires 'abort': check first, or a stopped reflector's last watch
    // would live on until the server ends it.
    const onAbort = () => r.destroy(new Error('aborted'));
    if (req.signal?.aborted) onAbort();
    else req.signal?.addEventListener('abort', onAbort, { once: true });
    // A reflector's signal outlives thousands of requests: drop the listener when this one is done.
    r.on('close', () => req.signal?.removeEventListener('abort', onAbort));
    r.end(payload);
  });
}

async function readBody(res: IncomingMessage, timeoutMs: number): Promise<string> {
  const timer = setTimeout(() => res.destroy(new RequestTimeoutError(timeoutMs)), timeoutMs);
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    clearTimeout(timer);
  }
}

/** One JSON request; non-2xx responses throw HttpStatusError carrying the API's Status body. */
export async function kubeJson<T>(kc: KubeConfig, req: KubeRequest): Promise<T> {
  const { res } = await open(kc, req);
  const text = await readBody(res, req.timeoutMs);
  const code = res.statusCode ?? 0;
  if (code < 200 || code >= 300) throw new HttpStatusError(code, text);
  return JSON.parse(text) as T;
}

/**
 * A streamed plain-text answer (pods/log, also with follow=true). Non-2xx answers throw
 * HttpStatusError; `timeoutMs` only bounds the wait for the response headers, the caller ends the
 * body with `signal` (or `abort`).
 */
export async function kubeStream(
  kc: KubeConfig,
  req: KubeRequest,
): Promise<{ res: IncomingMessage; abort: () => void }> {
  const opened = await open(kc, req, 'stream');
  const code = opened.res.statusCode ?? 0;
  if (code < 200 || code >= 300) throw new HttpStatusError(code, await readBody(opened.res, req.timeoutMs));
  return opened;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Record<string, unknown>;
}

/**
 * A streaming watch. Resolves when the server ends the stream (normal after timeoutSeconds);
 * rejects on transport errors, a non-2xx answer, or when no bytes arrive for `idleMs`
 * (a silently dead connection).
 */
export async function kubeWatch(
  kc: KubeConfig,
  req: KubeRequest & { idleMs: number; onOpen?: () => void },
  onEvent: (e: WatchEvent) => void,
): Promise<void> {
  const { res, abort } = await open(kc, { ...req, query: { ...req.query, watch: 1 } }, 'stream');
  const code = res.statusCode ?? 0;
  if (code < 200 || code >= 300) throw new HttpStatusError(code, await readBody(res, req.timeoutMs));
  req.onOpen?.();
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => res.destroy(new RequestTimeoutError(req.idleMs)), req.idleMs);
  };
  const onAbort = () => abort();
  if (req.signal?.aborted) abort();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  armIdle();
  let buffer = '';
  try {
    res.setEncoding('utf8');
    for await (const chunk of res) {
      armIdle();
      buffer += chunk as string;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line) onEvent(JSON.parse(line) as WatchEvent);
      }
    }
  } finally {
    clearTimeout(idle);
    req.signal?.removeEventListener('abort', onAbort);
  }
}
