import 'server-only';

import { statSync } from 'node:fs';

import type { RequestContext, ResponseContext } from '@kubernetes/client-node';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  ServerConfiguration,
  VersionApi,
  createConfiguration,
} from '@kubernetes/client-node';
import { z } from 'zod';

import { serverEnv } from '@/server/env';
import { KubeError, toKubeError } from '@/server/k8s/errors';

// Clusters the dashboard knows, and typed API clients for them. Today there is one, configured by
// WHEELHOUSE_KUBECONFIG / WHEELHOUSE_CONTEXT / WHEELHOUSE_CLUSTER_NAME; routes still carry its name
// (/c/<name>/...) so more can be added without touching pages.

/** The `[cluster]` route segment, before it is matched against configured clusters. */
export const clusterParamSchema = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);

export interface ClusterRef {
  name: string;
}

export interface ClusterClients {
  name: string;
  server: string;
  timeoutMs: number;
  core: CoreV1Api;
  apps: AppsV1Api;
  version: VersionApi;
  /** The dashboard's own credentials, for the shared cache and access reviews; never for user requests. */
  kubeConfig: KubeConfig;
}

export function configuredClusterNames(): string[] {
  return [serverEnv().clusterName];
}

/** Validates a route parameter; undefined means "no such cluster" (render notFound()). */
export function resolveCluster(param: unknown): ClusterRef | undefined {
  const parsed = clusterParamSchema.safeParse(param);
  if (!parsed.success || !configuredClusterNames().includes(parsed.data)) return undefined;
  return { name: parsed.data };
}

interface CachedClients {
  mtimeMs: number;
  clients: ClusterClients;
}

const clientCache = new Map<string, CachedClients>();

/**
 * API clients for a configured cluster. The kubeconfig is re-read when its file changes, so a
 * recreated local cluster (new CA, new tokens) is picked up without restarting the server.
 * Throws KubeError (kind "config") when the kubeconfig is missing or lacks the context.
 */
export function clusterClients(ref: ClusterRef): ClusterClients {
  const env = serverEnv();
  const path = env.kubeconfigPath;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch (err) {
    throw toKubeError(err, { cluster: ref.name });
  }
  const cached = clientCache.get(ref.name);
  if (cached && cached.mtimeMs === mtimeMs) return cached.clients;

  const clients = buildClients(ref.name, path, env.context, env.k8sTimeoutMs);
  clientCache.set(ref.name, { mtimeMs, clients });
  return clients;
}

/**
 * The dashboard identity's KubeConfig for a cluster (same object until the kubeconfig file changes).
 * Throws KubeError (kind "config") like clusterClients.
 */
export function dashboardKubeConfig(ref: ClusterRef): KubeConfig {
  return clusterClients(ref).kubeConfig;
}

function buildClients(name: string, path: string, context: string, timeoutMs: number): ClusterClients {
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(path);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new KubeError('config', `Cannot load the kubeconfig for cluster ${name} (${path}): ${reason}`, {
      cause: err,
    });
  }
  if (!kubeConfig.getContextObject(context)) {
    throw new KubeError('config', `The kubeconfig for cluster ${name} (${path}) has no context "${context}"`);
  }
  kubeConfig.setCurrentContext(context);
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) {
    throw new KubeError('config', `Context "${context}" in ${path} does not name a cluster with a server URL`);
  }

  // client-node's generated clients have no request timeout, so a black-holed API server would hang a
  // page forever. This middleware gives every request its own deadline. Keep the middleware list to
  // this one entry: the generated code calls `middleware.reverse()` in place on every response, which
  // reorders a list of several on each call.
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [timeoutMiddleware(timeoutMs)],
  });
  return {
    name,
    server,
    timeoutMs,
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    version: new VersionApi(configuration),
    kubeConfig,
  };
}

function timeoutMiddleware(timeoutMs: number) {
  return {
    pre: async (context: RequestContext) => {
      context.setSignal(AbortSignal.timeout(timeoutMs));
      return context;
    },
    post: async (context: ResponseContext) => context,
  };
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
