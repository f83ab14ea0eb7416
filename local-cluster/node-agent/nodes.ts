// The simulated Node objects: what kubelet would register and report
// (https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/kubelet/kubelet_node_status.go).
import { isoSeconds } from './pod-status';

export const K8S_VERSION = 'v1.20.2';
/** Taints the API server and node controllers add to nodes that are not (yet) ready. */
export const NOT_READY_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

export interface NodeCapacity {
  cpu: string;
  memory: string;
  pods: string;
}

export interface Taint {
  key: string;
  effect: string;
  value?: string;
  timeAdded?: string;
}

export function nodeNames(count: number, prefix = 'wh-node-'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

export function nodeLabels(name: string, index: number): Record<string, string> {
  const zones = ['a', 'b', 'c'];
  return {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'beta.kubernetes.io/arch': 'amd64',
    'node.kubernetes.io/instance-type': 'wheelhouse-sim',
    'topology.kubernetes.io/zone': `local-${zones[index % zones.length] ?? 'a'}`,
    'wheelhouse.dev/simulated': 'true',
  };
}

export function nodeStatus(name: string, capacity: NodeCapacity, now: number, readySince: number) {
  const heartbeat = isoSeconds(now);
  const since = isoSeconds(readySince);
  const pressure = (type: string, reason: string, message: string) => ({
    type,
    status: 'False',
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: since,
    reason,
    message,
  });
  return {
    capacity: { ...capacity, 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' },
    allocatable: { ...capacity, 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' },
    conditions: [
      pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: heartbeat,
        lastTransitionTime: since,
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status (simulated by the wheelhouse node agent)',
      },
    ],
    // No Hostname address: the API server dials a node's kubelet (pods/log) at the first address of
    // its preferred types, Hostname first, and "wh-node-1" resolves nowhere. InternalIP is loopback,
    // where this agent serves the kubelet log endpoint (kubelet-server.ts).
    addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: name,
      systemUUID: name,
      bootID: `${name}-boot`,
      kernelVersion: '5.10.0-wheelhouse',
      osImage: 'Wheelhouse simulated node',
      containerRuntimeVersion: 'containerd://1.4.3',
      kubeletVersion: K8S_VERSION,
      kubeProxyVersion: K8S_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

export function nodeManifest(name: string, index: number, capacity: NodeCapacity, now: number) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: nodeLabels(name, index), annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: {},
    status: nodeStatus(name, capacity, now, now),
  };
}

/** The taints to keep: everything but the not-ready/unreachable ones; undefined when unchanged. */
export function taintsToKeep(taints: Taint[] | undefined): Taint[] | undefined {
  const list = taints ?? [];
  const kept = list.filter((t) => !NOT_READY_TAINTS.includes(t.key));
  return kept.length === list.length ? undefined : kept;
}
