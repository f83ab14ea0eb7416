import 'server-only';

import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { serveLeanList } from '@/server/http/lean/handler';
import { leanListRequest } from '@/server/http/lean/route';
import { logger } from '@/server/observability/log';

// Puts the lean list handler in front of Next.js in the same process (ADR 0026). `node server.js`
// (Next's standalone entry) creates the HTTP server and adds its request listener; Wheelhouse never
// sees the server object, except through Node's `http.server.request.start` diagnostics channel,
// which names it on each request just before the server emits 'request'. The first time a server is
// seen, its 'request' listeners (Next's) are taken off and one dispatcher is put in their place,
// through the server's public EventEmitter API: it answers the hot list requests itself and hands
// every other request, unchanged, to the listeners it took off. Node's own code is not patched, and
// neither is Next's: if either changes shape, the dispatcher is simply never installed and Next
// answers everything, as before (the integration test notices: lean-list.int.test.ts).

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const log = logger('http');
const KEY = Symbol.for('wheelhouse.http.lean');

interface State {
  installed: boolean;
  servers: WeakSet<Server>;
}

function state(): State {
  const g = globalThis as typeof globalThis & { [KEY]?: State };
  g[KEY] ??= { installed: false, servers: new WeakSet() };
  return g[KEY];
}

function dispatchThrough(server: Server): void {
  const next = server.listeners('request') as Listener[];
  if (next.length === 0) return;
  server.removeAllListeners('request');
  const passOn: Listener = (req, res) => {
    for (const listener of next) listener.call(server, req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const list = leanListRequest(req.method, req.url, req.headers);
    if (!list) return passOn(req, res);
    serveLeanList(req, res, list).catch((err: unknown) => {
      // Unexpected (answerList maps every failure it knows): Next answers instead, as it would have.
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'lean list handler failed');
      if (res.headersSent) res.destroy();
      else passOn(req, res);
    });
  });
  log.info({ route: '/api/k8s/[cluster]/[kind]' }, 'lean list handler installed');
}

/** Subscribes once per process; instrumentation.ts calls it after startOperations() (production only). */
export function installLeanApi(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  subscribe('http.server.request.start', (message) => {
    const { server } = message as { server?: Server };
    if (!server || s.servers.has(server)) return;
    s.servers.add(server);
    dispatchThrough(server);
  });
}
