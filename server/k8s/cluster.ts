import 'server-only';

import { statSync } from 'node:fs';

import { KubeConfig } from '@kubernetes/client-node';
import { z } from 'zod';

import { serverEnv } from '@/server/env';
import { nameCredential } from '@/server/k8s/agents';
import { clusterConfig, DNS_LABEL, inClusterKubeConfig, listClusters, type ClusterSource } from '@/server/k8s/clusters';
import { KubeError, toKubeError } from '@/server/k8s/errors';

// The dashboard's own credentials for each configured cluster (server/k8s/clusters.ts lists them;
// routes carry the name: /c/<name>/...). Every request goes through server/k8s/transport.ts (pooled
// keep-alive connections, User-Agent, deadlines); client-node serves only to load kubeconfigs and
// apply their credentials — its generated API clients built a new TLS connection per call.

/** The `[cluster]` route segment, before it is matched against configured clusters. */
export const clusterParamSchema = z.string().regex(DNS_LABEL);

export interface ClusterRef {
  name: string;
}

export interface ClusterClients {
  name: string;
  server: string;
  timeoutMs: number;
  /** The dashboard's own credentials, for the shared cache and access reviews; never for user requests. */
  kubeConfig: KubeConfig;
}

export function configuredClusterNames(): string[] {
  return listClusters().map((c) => c.name);
}

/** Validates a route parameter; undefined means "no such cluster" (render notFound()). */
export function resolveCluster(param: unknown): ClusterRef | undefined {
  const parsed = clusterParamSchema.safeParse(param);
  if (!parsed.success || !clusterConfig(parsed.data)) return undefined;
  return { name: parsed.data };
}

interface CachedClients {
  source: ClusterSource;
  mtimeMs: number;
  clients: ClusterClients;
}

// On globalThis: Next.js may load this module once per route bundle (and once for instrumentation),
// and the shared cache registry compares KubeConfig objects by identity — a second copy here made the
// first request after startup throw away the warm caches instead of reusing them.
const CLIENTS_KEY = Symbol.for('wheelhouse.k8s.cluster-clients');

function clientCacheMap(): Map<string, CachedClients> {
  const g = globalThis as typeof globalThis & { [CLIENTS_KEY]?: Map<string, CachedClients> };
  g[CLIENTS_KEY] ??= new Map();
  return g[CLIENTS_KEY];
}

/**
 * API clients for a configured cluster. A kubeconfig is re-read when its file changes, so a
 * recreated local cluster (new CA, new tokens) is picked up without restarting the server.
 * Throws KubeError (kind "config") when the cluster is not configured, its kubeconfig is missing
 * or lacks the context.
 */
export function clusterClients(ref: ClusterRef): ClusterClients {
  const config = clusterConfig(ref.name);
  if (!config) throw new KubeError('config', `Cluster ${ref.name} is not configured`);
  const { source } = config;
  let mtimeMs = 0;
  if (source.type === 'kubeconfig') {
    try {
      mtimeMs = statSync(source.path).mtimeMs;
    } catch (err) {
      throw toKubeError(err, { cluster: ref.name });
    }
  }
  const clientCache = clientCacheMap();
  const cached = clientCache.get(ref.name);
  if (cached && cached.mtimeMs === mtimeMs && sameSource(cached.source, source)) return cached.clients;

  const clients = buildClients(ref.name, loadKubeConfig(ref.name, source), serverEnv().k8sTimeoutMs);
  clientCache.set(ref.name, { source, mtimeMs, clients });
  return clients;
}

function sameSource(a: ClusterSource, b: ClusterSource): boolean {
  if (a.type === 'in-cluster' || b.type === 'in-cluster') return a.type === b.type;
  return a.path === b.path && a.context === b.context;
}

/**
 * The dashboard identity's KubeConfig for a cluster (same object until the kubeconfig file changes).
 * Throws KubeError (kind "config") like clusterClients.
 */
export function dashboardKubeConfig(ref: ClusterRef): KubeConfig {
  return clusterClients(ref).kubeConfig;
}

function loadKubeConfig(name: string, source: ClusterSource): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (source.type === 'in-cluster') return inClusterKubeConfig(name, serverEnv());
  const { path, context } = source;
  try {
    kubeConfig.loadFromFile(path);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new KubeError('config', `Cannot load the kubeconfig for cluster ${name} (${path}): ${reason}`, {
      cause: err,
    });
  }
  if (context) {
    if (!kubeConfig.getContextObject(context)) {
      throw new KubeError('config', `The kubeconfig for cluster ${name} (${path}) has no context "${context}"`);
    }
    kubeConfig.setCurrentContext(context);
  }
  return kubeConfig;
}

function buildClients(name: string, kubeConfig: KubeConfig, timeoutMs: number): ClusterClients {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) {
    throw new KubeError(
      'config',
      `Context "${kubeConfig.getCurrentContext()}" of cluster ${name} does not name a cluster with a server URL`,
    );
  }
  nameCredential(kubeConfig, name);
  return { name, server, timeoutMs, kubeConfig };
}

/**
 * Runs one or more API calls for a cluster and maps any failure, including a broken kubeconfig,
 * to a KubeError with a message that names the cluster and its server.
 */
export async function withCluster<T>(ref: ClusterRef, run: (clients: ClusterClients) => Promise<T>): Promise<T> {
  let clients: ClusterClients | undefined;
  try {
    clients = clusterClients(ref);
    return await run(clients);
  } catch (err) {
    throw toKubeError(err, { cluster: ref.name, server: clients?.server, timeoutMs: clients?.timeoutMs });
  }
}
