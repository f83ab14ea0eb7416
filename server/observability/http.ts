import 'server-only';

import { randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { logger } from '@/server/observability/log';
import { gauge, histogram } from '@/server/observability/metrics';
import { acceptRequestId, requestStorage, type RequestContext } from '@/server/observability/request-context';
import { registerHttp } from '@/server/observability/shutdown';

// Every HTTP request the server answers — pages, route handlers, streams, static files — measured and
// logged in one place: Node's `http.server.request.start` diagnostics channel fires before Next.js
// sees the request, and the response's `close` event after the last byte (or the client's departure).
// So nothing has to wrap each route handler, and a handler that forgets cannot go unmeasured.
// The route label is the pattern Next.js matched (`/api/k8s/[cluster]/[kind]`), never the path.

const duration = histogram({
  name: 'wheelhouse_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status: time until the response ended (streams: their whole life)',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
});

const log = logger('http');

interface State {
  installed: boolean;
  open: Set<ServerResponse>;
  notify: (() => void) | undefined;
}

const KEY = Symbol.for('wheelhouse.observability.http');

function state(): State {
  const g = globalThis as typeof globalThis & { [KEY]?: State };
  g[KEY] ??= { installed: false, open: new Set(), notify: undefined };
  return g[KEY];
}

gauge({
  name: 'wheelhouse_http_requests_in_flight',
  help: 'HTTP requests being answered now (open streams included)',
  collect() {
    this.set(state().open.size);
  },
});

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
// Probes and scrapes come every few seconds: logged at debug so they do not drown the rest.
const QUIET_ROUTES = new Set(['/api/healthz', '/api/readyz', '/api/metrics']);
// Next.js keeps its request metadata (including the matched route) on the Node request under this
// well-known symbol (next/dist/server/request-meta). Not a public API: e2e/operations.spec.ts checks
// that route labels still come out as patterns.
const NEXT_REQUEST_META = Symbol.for('NextInternalRequestMeta');

interface NextMeta {
  match?: { definition?: { pathname?: string } };
}

// The route pattern of a request answered outside Next.js's routing (the lean list handler, ADR 0026).
const ROUTE = Symbol.for('wheelhouse.observability.route');

/** Labels a request answered without Next.js with its route pattern (as Next would have matched it). */
export function setRouteLabel(request: IncomingMessage, pattern: string): void {
  (request as unknown as Record<symbol, string | undefined>)[ROUTE] = pattern;
}

/** The route pattern for the metrics label: Next's matched route, or a fixed bucket. */
export function routeLabel(request: IncomingMessage, path: string, status: number): string {
  const own = (request as unknown as Record<symbol, string | undefined>)[ROUTE];
  if (own) return own;
  const meta = (request as unknown as Record<symbol, NextMeta | undefined>)[NEXT_REQUEST_META];
  const pattern = meta?.match?.definition?.pathname;
  if (pattern) return pattern;
  if (path.startsWith('/_next/static/')) return '/_next/static';
  if (path.startsWith('/_next/')) return '/_next';
  if (status === 404) return 'not-found';
  return 'other';
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q < 0 ? raw : raw.slice(0, q);
}

function onRequestStart(message: unknown): void {
  const { request, response, server } = message as {
    request: IncomingMessage;
    response: ServerResponse;
    server: Server;
  };
  const s = state();
  registerHttp(server, pendingRequests, (fn) => (s.notify = fn));
  const ctx: RequestContext = {
    id: acceptRequestId(request.headers['x-request-id']) ?? randomUUID(),
    method: METHODS.has(request.method ?? '') ? (request.method as string) : 'other',
    path: pathOf(request.url),
    startedAt: process.hrtime.bigint(),
  };
  response.setHeader('X-Request-Id', ctx.id);
  s.open.add(response);
  response.once('close', () => onResponseClose(request, response, ctx));
  // Everything Next.js does for this request runs in this async context (the 'request' event is
  // emitted right after this channel), so handlers can read the id and note the user.
  requestStorage().enterWith(ctx);
}

function onResponseClose(request: IncomingMessage, response: ServerResponse, ctx: RequestContext): void {
  const s = state();
  s.open.delete(response);
  s.notify?.();
  const seconds = Number(process.hrtime.bigint() - ctx.startedAt) / 1e9;
  const status = response.statusCode;
  const route = routeLabel(request, ctx.path, status);
  duration.observe({ method: ctx.method, route, status: String(status) }, seconds);
  if (route === '/_next/static') return;
  const fields = {
    requestId: ctx.id,
    method: ctx.method,
    route,
    path: ctx.path,
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    user: ctx.user,
    ...(response.writableFinished ? {} : { aborted: true }),
  };
  if (QUIET_ROUTES.has(route)) log.debug(fields, 'request');
  else if (status >= 500) log.error(fields, 'request');
  else log.info(fields, 'request');
}

/** Requests still waiting for their answer to start (an open stream has started; it is not waited for). */
function pendingRequests(): number {
  let n = 0;
  for (const response of state().open) if (!response.headersSent) n++;
  return n;
}

/** Subscribes once per process (instrumentation.ts calls it at startup). */
export function instrumentHttp(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  subscribe('http.server.request.start', onRequestStart);
}
