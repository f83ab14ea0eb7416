import 'server-only';

import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

// The one place that reads process.env (STYLE.md rule 1). Everything else asks `serverEnv()`.

const clusterName = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a DNS label (lowercase letters, digits and "-")');

const envSchema = z.object({
  WHEELHOUSE_HOME: z.string().min(1).optional(),
  WHEELHOUSE_KUBECONFIG: z.string().min(1).optional(),
  WHEELHOUSE_CONTEXT: z.string().min(1).default('dashboard'),
  WHEELHOUSE_CLUSTER_NAME: clusterName.default('local'),
  WHEELHOUSE_K8S_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  // Development identity until sign-in lands: who the dashboard acts as. Unset means nobody (401).
  WHEELHOUSE_DEV_USER: z.string().min(1).max(253).optional(),
  WHEELHOUSE_DEV_GROUPS: z.string().max(4096).optional(),
});

export interface ServerEnv {
  /** Path of the kubeconfig the dashboard uses for its own identity. */
  kubeconfigPath: string;
  /** The context inside that kubeconfig. */
  context: string;
  /** The name routes use for this cluster: /c/<clusterName>/... */
  clusterName: string;
  /** Per-request timeout for calls to the Kubernetes API (client-node has none by default). */
  k8sTimeoutMs: number;
  /** Development identity (WHEELHOUSE_DEV_USER / WHEELHOUSE_DEV_GROUPS); undefined = not signed in. */
  devIdentity?: { user: string; groups: string[] };
}

export class InvalidEnvError extends Error {
  constructor(issues: z.ZodError['issues']) {
    const lines = issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    super(`Invalid Wheelhouse server environment:\n${lines.join('\n')}`);
    this.name = 'InvalidEnvError';
  }
}

/** Parses an environment record; exported separately so tests need not touch process.env. */
export function parseServerEnv(source: Readonly<Record<string, string | undefined>>): ServerEnv {
  // Empty strings mean "unset" (a common shell mistake: `FOO= npm start`).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) throw new InvalidEnvError(result.error.issues);
  const env = result.data;
  const home = env.WHEELHOUSE_HOME ?? join(homedir(), '.cache', 'wheelhouse');
  return {
    kubeconfigPath: env.WHEELHOUSE_KUBECONFIG ?? join(home, 'cluster', 'kubeconfig'),
    context: env.WHEELHOUSE_CONTEXT,
    clusterName: env.WHEELHOUSE_CLUSTER_NAME,
    k8sTimeoutMs: env.WHEELHOUSE_K8S_TIMEOUT_MS,
    devIdentity: env.WHEELHOUSE_DEV_USER
      ? { user: env.WHEELHOUSE_DEV_USER, groups: splitList(env.WHEELHOUSE_DEV_GROUPS) }
      : undefined,
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
