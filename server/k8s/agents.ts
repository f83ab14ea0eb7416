import 'server-only';

import { createHash } from 'node:crypto';
import { Agent, type RequestOptions } from 'node:https';

import type { KubeConfig } from '@kubernetes/client-node';

import packageJson from '@/package.json';
import { counter } from '@/server/observability/metrics';

// Connections to the API servers: kept alive and shared. client-node's `applyToHTTPSOptions` builds a
// new https.Agent on every call, so every request used to open (and TLS-handshake) a new connection.
// Here each cluster credential gets one pooled agent for ordinary requests and one for long-lived
// streams (watches, followed logs), so a burst of streams can never use up the sockets that lists,
// access reviews and writes need.

/** Sent on every request to an API server (the version is the package's, fixed at build time). */
export const USER_AGENT = `wheelhouse/${packageJson.version}`;

/** Concurrent requests per cluster credential; more wait in the agent's queue (their deadline still runs). */
const MAX_REQUEST_SOCKETS = 64;
/** Idle sockets kept per credential. */
const MAX_FREE_SOCKETS = 16;
// An idle pooled socket is closed after this long: shorter than kube-apiserver's 90 s idle timeout, so
// we close first rather than reuse a socket the server is closing.
const IDLE_SOCKET_MS = 30_000;

export type AgentKind = 'request' | 'stream';

interface CredentialAgents {
  fingerprint: string;
  request: Agent;
  stream: Agent;
}

const KEY = Symbol.for('wheelhouse.k8s.agents');
interface Holder {
  agents: WeakMap<KubeConfig, CredentialAgents>;
  names: WeakMap<KubeConfig, string>;
  all: Set<Agent>;
}

function holder(): Holder {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  g[KEY] ??= { agents: new WeakMap(), names: new WeakMap(), all: new Set() };
  return g[KEY];
}

const connectionsOpened = counter({
  name: 'wheelhouse_k8s_connections_opened_total',
  help: 'New TCP/TLS connections opened to a Kubernetes API server (a reused keep-alive connection does not count)',
  labelNames: ['cluster'],
});

const requestsSent = counter({
  name: 'wheelhouse_k8s_requests_total',
  help: 'Requests sent to a Kubernetes API server, by whether they reused a kept-alive connection',
  labelNames: ['cluster', 'reused'],
});

/** Names a credential's KubeConfig for metric labels (server/k8s/cluster.ts calls this). */
export function nameCredential(kc: KubeConfig, cluster: string): void {
  holder().names.set(kc, cluster);
}

export function credentialName(kc: KubeConfig): string {
  return holder().names.get(kc) ?? 'unnamed';
}

// What makes a TLS connection: a client certificate or CA that changes (exec plugins, a rewritten
// kubeconfig) must not reuse a pool built for the old one. Bearer tokens are per request and do not count.
function fingerprint(options: RequestOptions): string {
  const h = createHash('sha256');
  for (const part of [options.ca, options.cert, options.key, options.pfx, options.passphrase]) {
    h.update(
      part === undefined ? '-' : typeof part === 'string' || Buffer.isBuffer(part) ? part : JSON.stringify(part),
    );
    h.update('\0');
  }
  h.update(`${options.servername ?? ''}\0${String(options.rejectUnauthorized)}`);
  return h.digest('hex');
}

function newAgent(options: RequestOptions, kind: AgentKind): Agent {
  const agent = new Agent({
    ca: options.ca,
    cert: options.cert,
    key: options.key,
    pfx: options.pfx,
    passphrase: options.passphrase,
    servername: options.servername,
    ...(options.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: options.rejectUnauthorized }),
    keepAlive: true,
    timeout: IDLE_SOCKET_MS,
    maxSockets: kind === 'request' ? MAX_REQUEST_SOCKETS : Infinity,
    maxFreeSockets: MAX_FREE_SOCKETS,
    scheduling: 'lifo',
  });
  holder().all.add(agent);
  return agent;
}

/**
 * The shared agent for a credential, given the options `kc.applyToHTTPSOptions` filled in. Replaces
 * the throwaway agent client-node put there.
 */
export function sharedAgent(kc: KubeConfig, options: RequestOptions, kind: AgentKind): Agent {
  const h = holder();
  const fp = fingerprint(options);
  let entry = h.agents.get(kc);
  if (!entry || entry.fingerprint !== fp) {
    // The old pools' idle sockets close by themselves (IDLE_SOCKET_MS); their in-flight requests finish.
    if (entry) for (const old of [entry.request, entry.stream]) h.all.delete(old);
    entry = { fingerprint: fp, request: newAgent(options, 'request'), stream: newAgent(options, 'stream') };
    h.agents.set(kc, entry);
  }
  return entry[kind];
}

/** Counts a request once it has a socket: new connection or a kept-alive one. */
export function countConnection(kc: KubeConfig, reused: boolean): void {
  const cluster = credentialName(kc);
  requestsSent.inc({ cluster, reused: reused ? 'true' : 'false' });
  if (!reused) connectionsOpened.inc({ cluster });
}

/** Closes every pooled connection (graceful shutdown, after in-flight work has finished). */
export function destroyAgents(): void {
  const h = holder();
  for (const agent of h.all) agent.destroy();
  h.all.clear();
  h.agents = new WeakMap();
}
