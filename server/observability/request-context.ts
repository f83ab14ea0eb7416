import 'server-only';

import { AsyncLocalStorage } from 'node:async_hooks';

// The request being served, for log lines: its id (echoed as X-Request-Id) and, once the session
// has been read, the signed-in user. Set by server/observability/http.ts for every HTTP request;
// server/auth/identity.ts notes the user. Kept on globalThis: every Next.js bundle must see one store.

export interface RequestContext {
  id: string;
  method: string;
  path: string;
  startedAt: bigint;
  user?: string;
}

const KEY = Symbol.for('wheelhouse.observability.request-context');

export function requestStorage(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
  g[KEY] ??= new AsyncLocalStorage<RequestContext>();
  return g[KEY];
}

/** The HTTP request this code runs for, if any. */
export function currentRequest(): RequestContext | undefined {
  return requestStorage().getStore();
}

/** Records who is asking, for the request's log line (never a token: the Kubernetes user name). */
export function noteRequestUser(user: string): void {
  const ctx = currentRequest();
  if (ctx) ctx.user = user;
}

// A request id from a trusted front (load balancer, ingress) is kept so log lines join up; anything
// else is replaced. Bounded and plain, so it is safe in a header and a log line.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function acceptRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}
