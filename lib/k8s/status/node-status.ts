import type { CellTone } from '@/lib/k8s/kinds/descriptor';
import { parseQuantity } from '@/lib/k8s/quantity';

// What kubectl says about a Node (printNode in
// https://github.com/kubernetes/kubernetes/blob/v1.20.0/pkg/printers/internalversion/printers.go)
// and what `kubectl describe node` adds up (resourcehelper.PodRequestsAndLimits in
// https://github.com/kubernetes/kubectl/blob/v0.20.0/pkg/util/resource/resource.go).

export interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}

export interface NodeLike {
  metadata: { labels?: Record<string, string> };
  spec?: { unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[]; podCIDR?: string };
  status?: {
    conditions?: NodeCondition[];
    addresses?: { type: string; address: string }[];
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    nodeInfo?: {
      kubeletVersion?: string;
      osImage?: string;
      kernelVersion?: string;
      containerRuntimeVersion?: string;
      operatingSystem?: string;
      architecture?: string;
    };
  };
}

/** kubectl's STATUS: Ready / NotReady / Unknown, with ",SchedulingDisabled" when cordoned. */
export function nodeStatusText(node: NodeLike): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const parts = [!ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** kubectl's ROLES: node-role.kubernetes.io/<role> labels and the legacy kubernetes.io/role. */
export function nodeRoles(labels: Record<string, string> = {}): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

/** The first address of a type (InternalIP, ExternalIP), "<none>" without one, as kubectl -o wide. */
export function nodeAddress(node: NodeLike, type: 'InternalIP' | 'ExternalIP'): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/** Conditions where True means trouble (the kubelet's pressure signals). */
export const PRESSURE_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'] as const;

/** The tone of a node condition: Ready is good when True; a pressure condition is bad when True. */
export function nodeConditionTone(c: Pick<NodeCondition, 'type' | 'status'>): CellTone {
  if (c.status === 'Unknown') return 'amber';
  const good = c.type === 'Ready' ? c.status === 'True' : c.status === 'False';
  if (c.type !== 'Ready' && !(PRESSURE_CONDITIONS as readonly string[]).includes(c.type)) return 'slate';
  return good ? 'green' : 'red';
}

/** The pressure conditions currently True (for the list's hint and search). */
export function activePressures(node: NodeLike): string[] {
  return (node.status?.conditions ?? [])
    .filter((c) => (PRESSURE_CONDITIONS as readonly string[]).includes(c.type) && c.status === 'True')
    .map((c) => c.type);
}

/** Requests and limits in base units (cores, bytes, counts) by resource name. */
export type ResourceAmounts = Record<string, number>;

interface ContainerResources {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface PodResourcesLike {
  spec?: {
    containers?: ContainerResources[];
    initContainers?: ContainerResources[];
    overhead?: Record<string, string>;
  };
}

function add(into: ResourceAmounts, from: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) {
    const n = parseQuantity(v);
    if (n !== undefined) into[k] = (into[k] ?? 0) + n;
  }
}

function maxInto(into: ResourceAmounts, from: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) {
    const n = parseQuantity(v);
    if (n !== undefined && n > (into[k] ?? 0)) into[k] = n;
  }
}

/**
 * A pod's effective requests and limits as the scheduler and `kubectl describe node` count them: the
 * sum over its containers, raised to any single init container's (they run one at a time), plus the
 * pod overhead.
 */
export function podRequestsAndLimits(pod: PodResourcesLike): { requests: ResourceAmounts; limits: ResourceAmounts } {
  const requests: ResourceAmounts = {};
  const limits: ResourceAmounts = {};
  for (const c of pod.spec?.containers ?? []) {
    add(requests, c.resources?.requests);
    add(limits, c.resources?.limits);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    maxInto(requests, c.resources?.requests);
    maxInto(limits, c.resources?.limits);
  }
  if (pod.spec?.overhead) {
    add(requests, pod.spec.overhead);
    // Overhead counts towards limits only where a limit is set (kubectl does the same).
    for (const [k, v] of Object.entries(pod.spec.overhead)) {
      const n = parseQuantity(v);
      if (n !== undefined && limits[k] !== undefined) limits[k] += n;
    }
  }
  return { requests, limits };
}

/** Sums amounts (e.g. the pods on a node). */
export function sumAmounts(list: readonly ResourceAmounts[]): ResourceAmounts {
  const out: ResourceAmounts = {};
  for (const a of list) for (const [k, v] of Object.entries(a)) out[k] = (out[k] ?? 0) + v;
  return out;
}
