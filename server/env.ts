import 'server-only';

import { isIPv6 } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

import type { AuthSettings, SignInLimits } from '@/server/auth/auth-env';
import { authEnvShape, authSettings, signInLimits } from '@/server/auth/auth-env';
import { dnsLabelSchema } from '@/lib/k8s/names';

// The one place that reads process.env (STYLE.md rule 1). Everything else asks `serverEnv()`.

const clusterName = dnsLabelSchema;

const envSchema = z.object({
  WHEELHOUSE_HOME: z.string().min(1).optional(),
  WHEELHOUSE_KUBECONFIG: z.string().min(1).optional(),
  WHEELHOUSE_CONTEXT: z.string().min(1).default('dashboard'),
  WHEELHOUSE_CLUSTER_NAME: clusterName.default('local'),
  WHEELHOUSE_K8S_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  // Clusters (server/k8s/clusters.ts, ADR 0003). Several kubeconfig contexts: "a,b" or "name=ctx,…" or "*".
  WHEELHOUSE_CONTEXTS: z.string().min(1).max(4096).optional(),
  // Use the pod's service account (only when KUBERNETES_SERVICE_HOST is set, i.e. running in a pod).
  WHEELHOUSE_IN_CLUSTER: z.enum(['true', 'false']).default('false'),
  KUBERNETES_SERVICE_HOST: z.string().min(1).optional(),
  KUBERNETES_SERVICE_PORT: z.coerce.number().int().min(1).max(65_535).default(443),
  // Where the pod's service account token, CA and namespace are mounted (projected volume; ADR 0010).
  WHEELHOUSE_SERVICEACCOUNT_DIR: z.string().min(1).default('/var/run/secrets/kubernetes.io/serviceaccount'),
  // An explicit list of clusters (YAML or JSON); when set, it replaces the variables above.
  WHEELHOUSE_CLUSTERS_FILE: z.string().min(1).optional(),
  WHEELHOUSE_PROMETHEUS_URL: z.url().optional(),
  // Sign-in (server/auth/auth-env.ts, ADR on sign-in). The development identity is gone: see that ADR.
  ...authEnvShape,
  // Audit log and elevation (server/audit): SQLite under the data dir unless DATABASE_URL names PostgreSQL.
  WHEELHOUSE_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  WHEELHOUSE_ELEVATION: z.enum(['off', 'required']).default('off'),
  WHEELHOUSE_ELEVATION_MAX_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  WHEELHOUSE_AUDITOR_GROUPS: z.string().max(4096).default('wheelhouse:auditors,system:masters'),
  // Upper bound for scale and HPA edits (lib/k8s/rollout/scale.ts).
  WHEELHOUSE_MAX_REPLICAS: z.coerce.number().int().min(1).max(100_000).default(1000),
  // Operations (docs/operations-metrics-and-logs.md, ADR 0014): GET /api/metrics needs this bearer token;
  // unset, the endpoint answers 404. Long enough not to be guessed.
  WHEELHOUSE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  // SIGTERM: readiness fails at once, requests are still served for the drain delay (load balancers
  // notice), then streams close and in-flight work finishes, all within the timeout.
  WHEELHOUSE_SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
  WHEELHOUSE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
  // Next.js handles SIGTERM itself (exit 143 at once) unless this is set; then Wheelhouse does it.
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
  // TLS Secrets (ADR 0013): read as the signed-in person (default; the dashboard's role needs no Secrets),
  // or from the shared cache as the dashboard ("shared", opt-in: needs the extra wheelhouse:dashboard-tls-secrets role).
  WHEELHOUSE_TLS_SECRETS: z.enum(['person', 'shared']).default('person'),
  // The lean list handler (ADR 0026): list requests answered before Next.js routing, in production.
  // `off` sends them through Next.js like every other request (the escape hatch, and the A/B measure).
  WHEELHOUSE_LEAN_API: z.enum(['on', 'off']).default('on'),
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
  /** WHEELHOUSE_CONTEXTS split on commas: contexts (optionally `name=context`), or ['*'] for all. */
  contexts?: string[];
  /** WHEELHOUSE_IN_CLUSTER=true and KUBERNETES_SERVICE_HOST is set. */
  inCluster: boolean;
  /** The API server a pod reaches (KUBERNETES_SERVICE_HOST/PORT), and its service account files. */
  serviceAccount: { server?: string; dir: string };
  /** WHEELHOUSE_CLUSTERS_FILE: explicit cluster list (YAML or JSON). */
  clustersFile?: string;
  /** WHEELHOUSE_PROMETHEUS_URL: Prometheus of the primary (first) cluster when no clusters file is used. */
  prometheusUrl?: string;
  /** Sign-in providers, session and identity mapping (server/auth). */
  auth: AuthSettings;
  /** Token-bucket sizes per minute (server/security/rate-limit.ts); sign-in budgets in `signIn`. */
  rateLimits: { signinPerMinute: number; mutationsPerMinute: number; signIn: SignInLimits };
  /** Audit log storage: PostgreSQL when DATABASE_URL is set, else SQLite at `<dataDir>/audit.sqlite`. */
  audit: { databaseUrl?: string; dataDir: string; auditorGroups: string[] };
  /** Whether write actions need an active elevation, and the longest one allowed. */
  elevation: { mode: 'off' | 'required'; maxMinutes: number };
  /** WHEELHOUSE_MAX_REPLICAS: the most replicas a scale or HPA edit may ask for. */
  maxReplicas: number;
  /** Metrics endpoint and graceful shutdown (server/observability, ADR 0014). */
  operations: { metricsToken?: string; drainMs: number; shutdownTimeoutMs: number; gracefulShutdown: boolean };
  /** WHEELHOUSE_TLS_SECRETS: who reads TLS Secrets, the signed-in person (default) or the shared cache (ADR 0013). */
  tlsSecrets: 'person' | 'shared';
  /** Serve GET /api/k8s/<cluster>/<kind> from the lean handler in production (ADR 0026). */
  leanApi: boolean;
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
    contexts: env.WHEELHOUSE_CONTEXTS ? splitList(env.WHEELHOUSE_CONTEXTS) : undefined,
    inCluster: env.WHEELHOUSE_IN_CLUSTER === 'true' && env.KUBERNETES_SERVICE_HOST !== undefined,
    serviceAccount: {
      server: env.KUBERNETES_SERVICE_HOST
        ? `https://${isIPv6(env.KUBERNETES_SERVICE_HOST) ? `[${env.KUBERNETES_SERVICE_HOST}]` : env.KUBERNETES_SERVICE_HOST}:${env.KUBERNETES_SERVICE_PORT}`
        : undefined,
      dir: env.WHEELHOUSE_SERVICEACCOUNT_DIR,
    },
    clustersFile: env.WHEELHOUSE_CLUSTERS_FILE,
    prometheusUrl: env.WHEELHOUSE_PROMETHEUS_URL,
    auth: authSettings(env),
    rateLimits: {
      signinPerMinute: env.WHEELHOUSE_SIGNIN_PER_MINUTE,
      mutationsPerMinute: env.WHEELHOUSE_MUTATIONS_PER_MINUTE,
      signIn: signInLimits(env),
    },
    audit: {
      databaseUrl: env.DATABASE_URL,
      dataDir: env.WHEELHOUSE_DATA_DIR ?? join(home, 'data'),
      auditorGroups: splitList(env.WHEELHOUSE_AUDITOR_GROUPS),
    },
    elevation: { mode: env.WHEELHOUSE_ELEVATION, maxMinutes: env.WHEELHOUSE_ELEVATION_MAX_MINUTES },
    maxReplicas: env.WHEELHOUSE_MAX_REPLICAS,
    operations: {
      metricsToken: env.WHEELHOUSE_METRICS_TOKEN,
      drainMs: env.WHEELHOUSE_SHUTDOWN_DRAIN_MS,
      shutdownTimeoutMs: env.WHEELHOUSE_SHUTDOWN_TIMEOUT_MS,
      gracefulShutdown: Boolean(env.NEXT_MANUAL_SIG_HANDLE),
    },
    tlsSecrets: env.WHEELHOUSE_TLS_SECRETS,
    leanApi: env.WHEELHOUSE_LEAN_API === 'on',
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * The log level alone (WHEELHOUSE_LOG_LEVEL; silent under tests), without validating the rest: the
 * logger must work even when the environment is invalid, to report exactly that.
 */
export function logLevel(source: Readonly<Record<string, string | undefined>> = process.env): string {
  const parsed = logLevelSchema.safeParse(source.WHEELHOUSE_LOG_LEVEL);
  if (parsed.success) return parsed.data;
  return source.NODE_ENV === 'test' ? 'silent' : 'info';
}

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
