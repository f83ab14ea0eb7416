import 'server-only';

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';

import compression from 'next/dist/compiled/compression';

import { answerList, LIST_ROUTE } from '@/server/http/list-answer';
import { leanSession } from '@/server/http/lean/session';
import type { LeanListRequest } from '@/server/http/lean/route';
import { counter } from '@/server/observability/metrics';
import { setRouteLabel } from '@/server/observability/http';

// Answers GET /api/k8s/<cluster>/<kind> without Next.js's routing (ADR 0026): the same session rules
// (sessionFromCookies), the same answer (answerList → listResponseFor), written to the Node response
// the way Next.js writes a route handler's Response: its Vary header first, the Response's headers,
// the body as one chunk (chunked transfer, no Content-Length), through the same compression
// middleware. Metrics and the request log come from server/observability/http.ts as for any request.

// What Next.js's base server sets on every App Router answer (next/dist/server/base-server.js).
const NEXT_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch';

const compress = compression();

const served = () =>
  counter({
    name: 'wheelhouse_http_lean_requests_total',
    help: 'List requests answered by the lean list handler instead of Next.js routing (ADR 0026)',
  });

// As Next's router does: a client that leaves before the end leaves the middleware's zlib stream
// open, which would outlive the response (next/dist/server/lib/release-compression-stream.js).
const noop = () => undefined;
function releaseCompressionStream(res: ServerResponse): void {
  const stream: unknown = res.on('drain', noop);
  if (stream === res || !(stream instanceof Duplex)) {
    res.off('drain', noop);
    return;
  }
  stream.destroy();
}

/** Answers the request. Nothing is written to `res` before the answer is complete, so on a throw the caller may still pass the request on. */
export async function serveLeanList(req: IncomingMessage, res: ServerResponse, list: LeanListRequest): Promise<void> {
  const session = await leanSession(req.headers);
  const answer = await answerList(session?.identity ?? null, list.cluster, list.kind, list.searchParams);
  const body = Buffer.from(await answer.arrayBuffer());
  if (res.headersSent || res.destroyed) return;
  setRouteLabel(req, LIST_ROUTE);
  compress(req, res, noop);
  res.once('close', () => {
    if (!res.writableFinished) releaseCompressionStream(res);
  });
  res.setHeader('Vary', NEXT_VARY);
  res.statusCode = answer.status;
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.write(body);
  res.end();
  served().inc();
}
