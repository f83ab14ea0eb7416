// The agent's two listeners: plain-HTTP Prometheus metrics on 127.0.0.1:10255, and the
// metrics.k8s.io API over mutual TLS on :10443 for the aggregator (which dials
// `localhost`, so both loopback families are served).
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';

import { forbiddenMessage, remoteUser, type Authorizer } from './authorizer';
import type { Logger } from './log';
import { handle, route, statusBody, type MetricsProvider } from './metrics-api';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export interface PromRoutes {
  '/metrics': () => string;
  '/metrics/cadvisor': () => string;
  '/metrics/kube-state': () => string;
  '/healthz': () => unknown;
}

export async function startPromServer(port: number, routes: PromRoutes, log: Logger): Promise<Server> {
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname as keyof PromRoutes;
    const render = routes[path];
    if (!render) return send(res, 404, 'not found\n');
    try {
      const body = render();
      if (typeof body !== 'string') return send(res, 200, body);
      res.writeHead(200, {
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    } catch (err) {
      log.error('metrics render failed', { error: String(err) });
      send(res, 500, 'internal error\n');
    }
  });
  await listen(server, port, '127.0.0.1');
  return server;
}

export interface MetricsApiOptions {
  port: number;
  cert: Buffer;
  key: Buffer;
  /** The requestheader client CA: only the aggregator's front-proxy client may call. */
  clientCa: Buffer;
  allowedNames: string[];
  provider: MetricsProvider;
  authorizer: Authorizer;
  log: Logger;
}

async function serveApi(req: IncomingMessage, res: ServerResponse, o: MetricsApiOptions): Promise<void> {
  const cert = (req.socket as TLSSocket).getPeerCertificate();
  const cn = cert?.subject?.CN;
  if (!cn || (o.allowedNames.length > 0 && !o.allowedNames.includes(String(cn)))) {
    return send(
      res,
      401,
      statusBody(401, 'Unauthorized', `client certificate ${String(cn)} is not an allowed front proxy`),
    );
  }
  if (req.method !== 'GET')
    return send(res, 405, statusBody(405, 'MethodNotAllowed', `${req.method} is not supported`));
  const url = new URL(req.url ?? '/', 'https://x');
  const target = route(url.pathname);
  if (target?.kind === 'resource') {
    const user = remoteUser(req.headersDistinct);
    if (!user) return send(res, 403, statusBody(403, 'Forbidden', 'no user in X-Remote-User'));
    if (!(await o.authorizer.allowed(user, target)))
      return send(res, 403, statusBody(403, 'Forbidden', forbiddenMessage(user, target)));
  }
  const out = handle(url.pathname, url.searchParams, o.provider);
  send(res, out.status, out.body);
}

export async function startMetricsApiServer(o: MetricsApiOptions): Promise<Server[]> {
  const make = () =>
    createHttpsServer(
      { cert: o.cert, key: o.key, ca: o.clientCa, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        serveApi(req, res, o).catch((err: unknown) => {
          o.log.warn('metrics API request failed', { path: req.url, error: String(err) });
          if (!res.headersSent)
            send(res, 503, statusBody(503, 'ServiceUnavailable', 'authorization check failed, try again'));
        });
      },
    );
  const v4 = make();
  await listen(v4, o.port, '127.0.0.1');
  const servers: Server[] = [v4];
  const v6 = make();
  try {
    await listen(v6, o.port, '::1');
    servers.push(v6);
  } catch (err) {
    o.log.warn('not serving the metrics API on ::1', { error: String(err) });
  }
  return servers;
}
