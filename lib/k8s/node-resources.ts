import type { DetailTable } from '@/lib/k8s/kinds/descriptor';
import { formatResource, parseQuantity } from '@/lib/k8s/quantity';
import type { ResourceAmounts } from '@/lib/k8s/status/node-status';

// The answer of GET /api/nodes/<cluster>/<name> (server/k8s/node-resources.ts), declared once for the
// route handler and the Node page's panel. Amounts are in base units: cores, bytes, counts.

export interface NodePodResources {
  namespace: string;
  name: string;
  status: string;
  ready: boolean;
  requests: { cpu?: number; memory?: number };
  limits: { cpu?: number; memory?: number };
}

export type NodeUsage =
  | { available: true; cpu: number; memory: number; timestamp?: string; window?: string }
  | { available: false; reason: string };

export interface NodeResources {
  node: string;
  /** False when the person may list pods in some namespaces only: the sums cover the pods they may read. */
  allNamespaces: boolean;
  /** Non-terminated pods on the node that the person may read. */
  pods: NodePodResources[];
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  usage: NodeUsage;
}

function percentOf(used: number, total: number | undefined): string {
  return total && total > 0 ? `${Math.round((used / total) * 100)}%` : '—';
}

/**
 * kubectl describe node's "Allocated resources", as rows with bars: for cpu and memory, the pods'
 * requests, their limits (may pass 100%: overcommitted) and the measured usage against allocatable;
 * for pods, how many run against how many the node takes.
 */
export function allocationTable(allocatable: Record<string, string> | undefined, r: NodeResources): DetailTable {
  const rows: string[][] = [];
  const bars: ({ used: number; total: number; label: string } | undefined)[] = [];
  const push = (resource: string, what: string, used: number | undefined) => {
    const total = parseQuantity(allocatable?.[resource]);
    if (used === undefined) {
      rows.push([resource, what, '—', total === undefined ? '—' : formatResource(resource, total), '']);
      bars.push(undefined);
      return;
    }
    const of = total === undefined ? '—' : formatResource(resource, total);
    rows.push([resource, what, formatResource(resource, used), of, percentOf(used, total)]);
    bars.push(
      total ? { used, total, label: `${resource} ${what}: ${formatResource(resource, used)} of ${of}` } : undefined,
    );
  };
  for (const resource of ['cpu', 'memory'] as const) {
    push(resource, 'requests', r.requests[resource] ?? 0);
    push(resource, 'limits', r.limits[resource] ?? 0);
    push(resource, 'usage', r.usage.available ? r.usage[resource] : undefined);
  }
  push('pods', 'running', r.pods.length);
  return {
    id: 'node-allocation',
    title: 'Allocated resources',
    columns: ['Resource', 'Of', 'Amount', 'Allocatable', 'Share'],
    rows,
    bars,
  };
}
