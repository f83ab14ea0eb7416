import 'server-only';

import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';

import { KubeConfig } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { serverEnv, type ServerEnv } from '@/server/env';
import { KubeError } from '@/server/k8s/errors';
import { DNS_LABEL_RE, dnsLabelSchema } from '@/lib/k8s/names';

// The clusters the dashboard serves, each with the dashboard's OWN credentials for it (ADR 0003).
// Users' credentials never come from here: requests made for a person use impersonation.
// Sources, in order of precedence:
//   1. WHEELHOUSE_CLUSTERS_FILE — an explicit list (YAML or JSON), validated with zod;
//   2. the pod's service account (WHEELHOUSE_IN_CLUSTER=true inside a pod) named WHEELHOUSE_CLUSTER_NAME,
//      its files in WHEELHOUSE_SERVICEACCOUNT_DIR (inClusterKubeConfig);
//   3. kubeconfig contexts: WHEELHOUSE_CONTEXTS ("a,b", "name=ctx", or "*" = every context), or by
//      default the single WHEELHOUSE_CONTEXT named WHEELHOUSE_CLUSTER_NAME (`local` / `dashboard`).
// Names are DNS labels (they appear in /c/<name>/); duplicates stop the server with a clear error.

export interface PrometheusSettings {
  url: string;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  caFile?: string;
}

export type ClusterSource = { type: 'kubeconfig'; path: string; context: string } | { type: 'in-cluster' };

export interface ClusterConfig {
  /** DNS label used in /c/<name>/. */
  name: string;
  prometheus?: PrometheusSettings;
  /** Where the dashboard's own credentials for this cluster come from. */
  source: ClusterSource;
}

export class ClustersConfigError extends Error {
  constructor(message: string) {
    super(`Invalid Wheelhouse cluster configuration: ${message}`);
    this.name = 'ClustersConfigError';
  }
}

export const DNS_LABEL = DNS_LABEL_RE;
const dnsLabel = dnsLabelSchema;

const prometheusSchema = z
  .object({
    url: z.url(),
    bearerToken: z.string().min(1).optional(),
    basicAuth: z
      .object({ username: z.string().min(1), password: z.string() })
      .strict()
      .optional(),
    caFile: z.string().min(1).optional(),
  })
  .strict();

const fileEntrySchema = z
  .object({
    name: dnsLabel,
    /** Path of a kubeconfig (relative to the clusters file); omitted with inCluster. */
    kubeconfig: z.string().min(1).optional(),
    context: z.string().min(1).optional(),
    inCluster: z.boolean().optional(),
    prometheus: prometheusSchema.optional(),
  })
  .strict()
  .refine((e) => e.inCluster === true || e.kubeconfig !== undefined, {
    message: 'needs either "kubeconfig" (with an optional "context") or "inCluster: true"',
  })
  .refine((e) => !(e.inCluster === true && (e.kubeconfig !== undefined || e.context !== undefined)), {
    message: '"inCluster: true" cannot be combined with "kubeconfig"/"context"',
  });

const fileSchema = z.object({ clusters: z.array(fileEntrySchema).min(1) }).strict();

/** "Prod_EU.1" → "prod-eu-1": lowercase, other characters become "-", trimmed to a DNS label. */
export function sanitizeClusterName(raw: string): string {
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return name;
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** Parses the text of a clusters file. `path` resolves relative kubeconfig paths and names errors. */
export function parseClustersFile(text: string, path: string): ClusterConfig[] {
  let data: unknown;
  try {
    data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ClustersConfigError(
      `${path} is not valid YAML/JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ClustersConfigError(`${path}:\n${lines.join('\n')}`);
  }
  const base = dirname(path);
  return checkUnique(
    parsed.data.clusters.map((e): ClusterConfig => {
      const source: ClusterSource = e.inCluster
        ? { type: 'in-cluster' }
        : { type: 'kubeconfig', path: resolve(base, expandHome(e.kubeconfig ?? '')), context: e.context ?? '' };
      return { name: e.name, prometheus: e.prometheus, source };
    }),
    path,
  );
}

/** The contexts of a kubeconfig with each one's server URL, for WHEELHOUSE_CONTEXTS. */
export interface KubeconfigContexts {
  current: string;
  contexts: { name: string; server: string | undefined }[];
}

export function readKubeconfigContexts(path: string): KubeconfigContexts {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (err) {
    throw new ClustersConfigError(
      `cannot read the kubeconfig ${path}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return {
    current: kc.getCurrentContext(),
    contexts: kc.getContexts().map((c) => ({ name: c.name, server: kc.getCluster(c.cluster)?.server })),
  };
}

/**
 * The clusters described by the environment (no clusters file). Pure apart from `readContexts`,
 * which is only called for WHEELHOUSE_CONTEXTS, so the default setup never touches the filesystem
 * here (a missing kubeconfig is reported per request, by server/k8s/cluster.ts).
 */
export function clustersFromEnv(
  env: ServerEnv,
  readContexts: (path: string) => KubeconfigContexts = readKubeconfigContexts,
): ClusterConfig[] {
  const clusters: ClusterConfig[] = [];
  if (env.inCluster) clusters.push({ name: env.clusterName, source: { type: 'in-cluster' } });
  if (env.contexts) {
    clusters.push(...contextClusters(env.kubeconfigPath, env.contexts, readContexts));
  } else if (!env.inCluster) {
    clusters.push({
      name: env.clusterName,
      source: { type: 'kubeconfig', path: env.kubeconfigPath, context: env.context },
    });
  }
  const primary = clusters[0];
  if (primary && env.prometheusUrl) primary.prometheus = { url: env.prometheusUrl };
  return checkUnique(clusters, 'the environment');
}

function contextClusters(
  path: string,
  wanted: string[],
  readContexts: (path: string) => KubeconfigContexts,
): ClusterConfig[] {
  const { contexts } = readContexts(path);
  const all = wanted.length === 1 && wanted[0] === '*';
  const picks = all
    ? contexts.map((c) => ({ name: sanitizeClusterName(c.name), context: c.name }))
    : wanted.map((item) => {
        const eq = item.indexOf('=');
        const context = eq >= 0 ? item.slice(eq + 1).trim() : item;
        const name = eq >= 0 ? item.slice(0, eq).trim() : sanitizeClusterName(item);
        if (!contexts.some((c) => c.name === context)) {
          throw new ClustersConfigError(`WHEELHOUSE_CONTEXTS names context "${context}", which ${path} lacks`);
        }
        return { name, context };
      });
  for (const p of picks) {
    if (!DNS_LABEL.test(p.name)) {
      throw new ClustersConfigError(
        `context "${p.context}" gives the cluster name "${p.name}", which is not a DNS label; name it explicitly (WHEELHOUSE_CONTEXTS="name=${p.context}")`,
      );
    }
  }
  // Several contexts for one API server are several identities for one cluster (a person's
  // kubeconfig: admin, alice, bob…). Serving each as a "cluster" would let the dashboard act with
  // whichever credentials a route names, so it is refused: one context per cluster, the dashboard's.
  const byServer = new Map<string, string>();
  for (const p of picks) {
    const server = contexts.find((c) => c.name === p.context)?.server ?? '';
    const other = byServer.get(server);
    if (other !== undefined) {
      throw new ClustersConfigError(
        `contexts "${other}" and "${p.context}" in ${path} both point at ${server || 'no server'}; ` +
          'list only the dashboard’s own context for each cluster in WHEELHOUSE_CONTEXTS',
      );
    }
    byServer.set(server, p.context);
  }
  return picks.map((p) => ({ name: p.name, source: { type: 'kubeconfig', path, context: p.context } }));
}

function checkUnique(clusters: ClusterConfig[], where: string): ClusterConfig[] {
  const seen = new Set<string>();
  for (const c of clusters) {
    if (seen.has(c.name)) throw new ClustersConfigError(`cluster name "${c.name}" is used twice in ${where}`);
    seen.add(c.name);
  }
  if (clusters.length === 0) throw new ClustersConfigError(`${where} configures no cluster`);
  return clusters;
}

/**
 * The dashboard's identity inside a pod: the service account token, CA and API server address a pod
 * is given (KUBERNETES_SERVICE_HOST/PORT), read from WHEELHOUSE_SERVICEACCOUNT_DIR (default
 * /var/run/secrets/kubernetes.io/serviceaccount; tests mount a minted token elsewhere). The token is
 * named by path, not copied: client-node's file auth re-reads it every minute, so a kubelet-rotated
 * projected token (and a re-minted one in tests) is picked up without a restart.
 */
export function inClusterKubeConfig(name: string, env: ServerEnv): KubeConfig {
  const { server, dir } = env.serviceAccount;
  if (!server) {
    throw new KubeError(
      'config',
      `Cluster ${name} uses the pod's service account, but KUBERNETES_SERVICE_HOST is not set (not running in a pod?)`,
    );
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromClusterAndUser(
    { name: 'in-cluster', server, caFile: join(dir, 'ca.crt'), skipTLSVerify: false },
    { name: 'service-account', authProvider: { name: 'tokenFile', config: { tokenFile: join(dir, 'token') } } },
  );
  return kubeConfig;
}

let cached: { key: string; clusters: ClusterConfig[] } | undefined;

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * All configured clusters, in configuration order (the first is the default). Re-read when the
 * clusters file (or, for WHEELHOUSE_CONTEXTS, the kubeconfig) changes. Throws ClustersConfigError.
 */
export function listClusters(): ClusterConfig[] {
  const env = serverEnv();
  const file = env.clustersFile ? (isAbsolute(env.clustersFile) ? env.clustersFile : resolve(env.clustersFile)) : '';
  const key = file ? `file:${mtime(file)}` : env.contexts ? `contexts:${mtime(env.kubeconfigPath)}` : 'env';
  if (cached?.key !== key) {
    let clusters: ClusterConfig[];
    if (file) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new ClustersConfigError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
      clusters = parseClustersFile(text, file);
    } else {
      clusters = clustersFromEnv(env);
    }
    cached = { key, clusters };
  }
  return cached.clusters;
}

export function clusterConfig(name: string): ClusterConfig | undefined {
  return listClusters().find((c) => c.name === name);
}
