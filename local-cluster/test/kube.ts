// Shared helpers for integration tests: API clients for a kubeconfig context of the local
// cluster, polling, and throwaway namespaces. Tests talk to the real API server via client-node.
import { randomBytes } from 'node:crypto';

import {
  ApiException,
  AppsV1Api,
  AuthorizationV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
} from '@kubernetes/client-node';

import { clusterPaths, type ContextName } from '../paths';

export function kubeConfig(context: ContextName = 'admin'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(clusterPaths().kubeconfig);
  kc.setCurrentContext(context);
  return kc;
}

export function clients(context: ContextName = 'admin') {
  const kc = kubeConfig(context);
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    authz: kc.makeApiClient(AuthorizationV1Api),
    /** Raw JSON access to any group/version (metrics.k8s.io, autoscaling/v2beta2, apps as served). */
    custom: kc.makeApiClient(CustomObjectsApi),
  };
}

export type Clients = ReturnType<typeof clients>;

export const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
export const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

/** Polls `check` until it returns a value other than undefined/false; throws after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what = 'condition',
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError ? `; last error: ${String(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** The HTTP status of a failed client-node call (0 when it is not an API error). */
export function statusOf(err: unknown): number {
  return err instanceof ApiException ? err.code : 0;
}

/** Resolves to the HTTP status the call fails with, or 200 when it succeeds. */
export async function statusOfCall(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    return err.code;
  }
}

export async function createNamespace(c: Clients, prefix: string): Promise<string> {
  const name = uniqueName(`it-${prefix}`);
  await c.core.createNamespace({ body: { metadata: { name, labels: { 'wheelhouse.dev/test': 'integration' } } } });
  // v1.20's ServiceAccount admission rejects pods until the default account has its token secret.
  await waitFor(
    async () => {
      const sa = await c.core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      return (sa.secrets?.length ?? 0) > 0;
    },
    30_000,
    `default service account token in ${name}`,
    200,
  );
  return name;
}

/** Deletes the namespace; with `wait`, until it is gone (needs the node agent to finish pod deletions). */
export async function deleteNamespace(c: Clients, name: string, wait = false): Promise<void> {
  try {
    await c.core.deleteNamespace({ name });
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  if (!wait) return;
  await waitFor(
    async () => statusOfCall(() => c.core.readNamespace({ name })).then((s) => s === 404),
    90_000,
    `namespace ${name} to be deleted`,
    1000,
  );
}

// Small builders for the objects the tests create.
export interface DeploymentOpts {
  replicas?: number;
  image?: string;
  annotations?: Record<string, string>;
  cpuRequest?: string;
}

export function deployment(name: string, opts: DeploymentOpts = {}): V1Deployment {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels, annotations: { 'sim.wheelhouse.dev/ready-after': '1s', ...opts.annotations } },
        spec: {
          containers: [
            {
              name: 'app',
              image: opts.image ?? 'nginx:1.25',
              resources: opts.cpuRequest ? { requests: { cpu: opts.cpuRequest, memory: '64Mi' } } : undefined,
            },
          ],
        },
      },
    },
  };
}
