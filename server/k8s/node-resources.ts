import 'server-only';

import { nodesKind } from '@/lib/k8s/kinds/nodes';
import { podsKind, type PodSummary } from '@/lib/k8s/kinds/pods';
import type { NodePodResources, NodeResources, NodeUsage } from '@/lib/k8s/node-resources';
import type { KubeObject } from '@/lib/k8s/object';
import { parseQuantity } from '@/lib/k8s/quantity';
import { podRequestsAndLimits, sumAmounts, type PodResourcesLike } from '@/lib/k8s/status/node-status';
import type { ClusterCache } from '@/server/k8s/cache';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { summaryOf } from '@/server/k8s/list-query';
import { mayGet } from '@/server/k8s/objects';
import { readableNamespaces } from '@/server/k8s/resources';
import { HttpStatusError, kubeJson, type Impersonation } from '@/server/k8s/transport';

// What is scheduled on a node and what it uses, for one person (the Node page's panel), like
// `kubectl describe node`'s "Non-terminated Pods" and "Allocated resources" and `kubectl top node`.
// The pods come from the shared cache's node index, kept only in namespaces the person may list
// pods in (SubjectAccessReview as them); usage is read from metrics.k8s.io as them.

const USAGE_TIMEOUT_MS = 5_000;

function pick(a: Record<string, number>): NodePodResources['requests'] {
  return { cpu: a.cpu, memory: a.memory };
}

async function nodeUsage(cache: ClusterCache, who: Impersonation, name: string): Promise<NodeUsage> {
  try {
    const m = await kubeJson<{ timestamp?: string; window?: string; usage?: Record<string, string> }>(cache.kc, {
      path: `/apis/metrics.k8s.io/v1beta1/nodes/${encodeURIComponent(name)}`,
      impersonate: who,
      timeoutMs: USAGE_TIMEOUT_MS,
    });
    const cpu = parseQuantity(m.usage?.cpu);
    const memory = parseQuantity(m.usage?.memory);
    if (cpu === undefined || memory === undefined) {
      return { available: false, reason: 'metrics.k8s.io answered without cpu and memory usage for this node.' };
    }
    return { available: true, cpu, memory, timestamp: m.timestamp, window: m.window };
  } catch (err) {
    const status = err instanceof HttpStatusError ? err.statusCode : undefined;
    if (status === 404) {
      return {
        available: false,
        reason: 'Usage unavailable: this cluster serves no metrics.k8s.io (no metrics-server).',
      };
    }
    if (status === 403) return { available: false, reason: 'Usage unavailable: you may not read node metrics.' };
    if (status === 503) return { available: false, reason: 'Usage unavailable: the metrics API is not answering.' };
    return { available: false, reason: `Usage unavailable: ${toKubeError(err, { cluster: cache.name }).message}` };
  }
}

export async function nodeResourcesForUser(
  cache: ClusterCache,
  who: Impersonation,
  name: string,
  waitMs = 10_000,
): Promise<NodeResources> {
  // The same answer whether or not the node exists when the person may not read nodes.
  if (!(await mayGet(cache, who, nodesKind, '', name))) {
    throw new KubeError('forbidden', `You may not read Node ${name} in cluster ${cache.name}`, { status: 403 });
  }
  const reflector = await cache.reflector(podsKind);
  if (!(await reflector.ready(waitMs)) && reflector.lastSyncAt === undefined) {
    throw toKubeError(reflector.lastError ?? new KubeError('timeout', `Cluster ${cache.name} did not answer in time`), {
      cluster: cache.name,
    });
  }
  const onNode = reflector.store.byIndex('node', name).filter((p) => {
    // kubectl describe node counts non-terminated pods only.
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    return phase !== 'Succeeded' && phase !== 'Failed';
  });
  const namespaces = [...new Set(onNode.map((p) => p.metadata.namespace ?? ''))].filter(Boolean);
  const [readable, usage] = await Promise.all([
    readableNamespaces(cache, who, podsKind, namespaces),
    nodeUsage(cache, who, name),
  ]);
  const pods = onNode
    .filter((p) => readable === 'all' || readable.has(p.metadata.namespace ?? ''))
    .map((p: KubeObject) => {
      const s = summaryOf(podsKind, p) as PodSummary;
      const { requests, limits } = podRequestsAndLimits(p as unknown as PodResourcesLike);
      return { namespace: s.namespace ?? '', name: s.name, status: s.status, ready: s.ready, requests, limits };
    })
    .sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
  return {
    node: name,
    allNamespaces: readable === 'all',
    pods: pods.map((p) => ({ ...p, requests: pick(p.requests), limits: pick(p.limits) })),
    requests: sumAmounts(pods.map((p) => p.requests)),
    limits: sumAmounts(pods.map((p) => p.limits)),
    usage,
  };
}
