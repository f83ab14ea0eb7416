import 'server-only';

import type { V1Deployment, V1Namespace } from '@kubernetes/client-node';
import { cache } from 'react';

import type {
  ClusterOverview,
  ClusterStatus,
  DeploymentSummary,
  KubeErrorSummary,
  Loaded,
  NamespaceSummary,
} from '@/lib/k8s/dto';
import { deploymentRolloutStatus } from '@/lib/k8s/status/deployment-status';
import type { ClusterClients, ClusterRef } from '@/server/k8s/cluster';
import { clusterClients, withCluster } from '@/server/k8s/cluster';
import { KubeError } from '@/server/k8s/errors';

// Reads for the Overview page. Each function returns plain DTOs from lib/k8s/dto.ts; client-node
// objects never leave this module.
//
// These read as the dashboard's own identity for now. Once sign-in exists they must read as the
// signed-in user (impersonation), like every other request (STYLE.md rules 4–5).

/**
 * Cluster name, API server and GET /version. React `cache` makes the layout's header and the page
 * share one request per render; it keys on argument identity, hence the cluster name, not the ref.
 */
export function getClusterStatus(ref: ClusterRef): Promise<ClusterStatus> {
  return clusterStatusByName(ref.name);
}

const clusterStatusByName = cache(async (name: string): Promise<ClusterStatus> => {
  const ref = { name };
  const version = await load(ref, async ({ version: api }) => {
    const info = await api.getCode();
    return { gitVersion: info.gitVersion, platform: info.platform };
  });
  return { name, server: serverOf(ref), version };
});

export async function getOverview(ref: ClusterRef): Promise<ClusterOverview> {
  const fetchedAt = new Date().toISOString();
  const cluster = await getClusterStatus(ref);
  if (!cluster.version.ok) {
    // Unreachable or misconfigured: the lists would fail the same way, after another timeout each.
    const failed = { ok: false as const, error: cluster.version.error };
    return { cluster, fetchedAt, namespaces: failed, deployments: failed };
  }
  const [namespaces, deployments] = await Promise.all([
    load(ref, async ({ core }) => (await core.listNamespace()).items.map(toNamespaceSummary).sort(byName)),
    load(ref, async ({ apps }) =>
      (await apps.listDeploymentForAllNamespaces({})).items.map(toDeploymentSummary).sort(byNamespaceThenName),
    ),
  ]);
  return { cluster, fetchedAt, namespaces, deployments };
}

export function toNamespaceSummary(ns: V1Namespace): NamespaceSummary {
  return {
    name: ns.metadata?.name ?? '',
    phase: ns.status?.phase ?? 'Unknown',
    createdAt: isoOf(ns.metadata?.creationTimestamp),
  };
}

export function toDeploymentSummary(d: V1Deployment): DeploymentSummary {
  const desired = d.spec?.replicas ?? 0;
  const status = deploymentRolloutStatus(d);
  const containers = d.spec?.template.spec?.containers ?? [];
  return {
    uid: d.metadata?.uid ?? `${d.metadata?.namespace}/${d.metadata?.name}`,
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    ready: `${d.status?.readyReplicas ?? 0}/${desired}`,
    desired,
    upToDate: d.status?.updatedReplicas ?? 0,
    available: d.status?.availableReplicas ?? 0,
    images: containers.map((c) => c.image ?? '').filter((image) => image !== ''),
    createdAt: isoOf(d.metadata?.creationTimestamp),
    status: status.word,
    statusMessage: status.message,
  };
}

async function load<T>(ref: ClusterRef, run: (clients: ClusterClients) => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await withCluster(ref, run) };
  } catch (err) {
    return { ok: false, error: summaryOf(err) };
  }
}

function summaryOf(err: unknown): KubeErrorSummary {
  if (err instanceof KubeError) return err.toSummary();
  return { kind: 'unknown', message: err instanceof Error ? err.message : String(err) };
}

function serverOf(ref: ClusterRef): string {
  try {
    return clusterClients(ref).server;
  } catch {
    return '';
  }
}

// client-node deserializes timestamps into Date objects; DTOs carry ISO strings.
function isoOf(value: Date | string | undefined): string {
  if (value === undefined) return '';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

function byNamespaceThenName(a: DeploymentSummary, b: DeploymentSummary): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}
