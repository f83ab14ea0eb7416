import 'server-only';

import type { Server } from 'node:http';

import { flushLogs, logger } from '@/server/observability/log';
import { gauge } from '@/server/observability/metrics';

// Graceful shutdown on SIGTERM/SIGINT (ADR 0014), when Next.js leaves the signals to us
// (NEXT_MANUAL_SIG_HANDLE=true; without it Next closes the listener at once and exits 143):
//   1. readiness fails at once (/api/readyz → 503) while requests are still served for the drain
//      delay, so load balancers take this replica out before it stops answering;
//   2. the listener closes; open event streams end with a `retry:` hint (clients reconnect elsewhere);
//   3. requests still being answered and write actions in flight finish — their audit outcomes are
//      recorded before they answer (server/audit/audited.ts runs inside trackWrite);
//   4. shutdown hooks run (reflectors stop, the audit database closes, pooled connections end);
//   5. the process exits 0 — or 1 if the timeout cut any of that short.

export type Phase = 'running' | 'draining' | 'closing';
type Hook = () => void | Promise<void>;

interface State {
  phase: Phase;
  writes: number;
  streams: AbortController;
  hooks: Map<string, Hook>;
  servers: Set<Server>;
  pendingRequests: () => number;
  changed: Set<() => void>;
  signalsInstalled: boolean;
}

const KEY = Symbol.for('wheelhouse.observability.shutdown');

function state(): State {
  const g = globalThis as typeof globalThis & { [KEY]?: State };
  g[KEY] ??= {
    phase: 'running',
    writes: 0,
    streams: new AbortController(),
    hooks: new Map(),
    servers: new Set(),
    pendingRequests: () => 0,
    changed: new Set(),
    signalsInstalled: false,
  };
  return g[KEY];
}

const log = logger('shutdown');

gauge({
  name: 'wheelhouse_write_actions_in_flight',
  help: 'Write actions (audited changes to a cluster) being carried out now',
  collect() {
    this.set(state().writes);
  },
});

export function shutdownPhase(): Phase {
  return state().phase;
}

export function isShuttingDown(): boolean {
  return state().phase !== 'running';
}

/** Aborted when open streams must close (after the drain delay); streams then send a `retry:` hint. */
export function streamShutdownSignal(): AbortSignal {
  return state().streams.signal;
}

/** Runs a write action, counted so shutdown waits for it (and its audit outcome) to finish. */
export async function trackWrite<T>(run: () => Promise<T>): Promise<T> {
  const s = state();
  s.writes++;
  try {
    return await run();
  } finally {
    s.writes--;
    for (const fn of s.changed) fn();
  }
}

export function writesInFlight(): number {
  return state().writes;
}

/** Something to close after in-flight work has finished. Named, so a reloaded module replaces its hook. */
export function onShutdown(name: string, hook: Hook): void {
  state().hooks.set(name, hook);
}

/** Called by server/observability/http.ts: the HTTP servers to close and how many requests await an answer. */
export function registerHttp(server: Server, pendingRequests: () => number, notify: (fn: () => void) => void): void {
  const s = state();
  s.servers.add(server);
  s.pendingRequests = pendingRequests;
  notify(() => {
    for (const fn of s.changed) fn();
  });
}

function settled(s: State): boolean {
  return s.writes === 0 && s.pendingRequests() === 0;
}

function waitUntilSettled(s: State, deadline: number): Promise<boolean> {
  if (settled(s)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.changed.delete(check);
      resolve(ok);
    };
    const check = () => {
      if (settled(s)) done(true);
    };
    const timer = setTimeout(() => done(settled(s)), Math.max(0, deadline - Date.now()));
    s.changed.add(check);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The whole sequence; resolves to the exit code. Exposed for tests; signals call it through `installSignalHandlers`. */
export async function shutdown(signal: string, drainMs: number, timeoutMs: number): Promise<number> {
  const s = state();
  if (s.phase !== 'running') return 0;
  const started = Date.now();
  const deadline = started + timeoutMs;
  s.phase = 'draining';
  log.info({ signal, drainMs, timeoutMs }, 'shutdown: readiness now fails; still serving while load balancers drain');
  await sleep(Math.min(drainMs, timeoutMs));

  s.phase = 'closing';
  for (const server of s.servers) {
    server.close();
    server.closeIdleConnections();
  }
  s.streams.abort();
  log.info({ writes: s.writes, requests: s.pendingRequests() }, 'shutdown: listener closed, streams told to reconnect');
  let clean = await waitUntilSettled(s, deadline);
  if (!clean) log.error({ writes: s.writes, requests: s.pendingRequests() }, 'shutdown: timeout with work in flight');

  for (const [name, hook] of s.hooks) {
    const left = deadline - Date.now();
    try {
      await Promise.race([
        hook(),
        sleep(Math.max(left, 0)).then(() => {
          throw new Error(`did not finish within the shutdown timeout`);
        }),
      ]);
    } catch (err) {
      clean = false;
      log.error({ hook: name, err }, 'shutdown: hook failed');
    }
  }
  log.info({ durationMs: Date.now() - started, clean }, 'shutdown: done');
  return clean ? 0 : 1;
}

/** Installs the SIGTERM/SIGINT handlers once per process. */
export function installSignalHandlers(drainMs: number, timeoutMs: number): void {
  const s = state();
  if (s.signalsInstalled) return;
  s.signalsInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    if (isShuttingDown()) {
      log.warn({ signal }, 'shutdown already under way');
      return;
    }
    // A hard stop in case something in the sequence itself hangs.
    setTimeout(() => {
      log.error('shutdown: hard deadline reached; exiting');
      flushLogs();
      process.exit(1);
    }, timeoutMs + 2_000).unref();
    void shutdown(signal, drainMs, timeoutMs).then((code) => {
      flushLogs();
      process.exit(code);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
