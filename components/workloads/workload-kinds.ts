// The kinds the Workloads page shows as tabs, in order; the detail route accepts the same ids.
export const WORKLOAD_KINDS = [
  { id: 'deployments', title: 'Deployments' },
  { id: 'statefulsets', title: 'StatefulSets' },
  { id: 'daemonsets', title: 'DaemonSets' },
  { id: 'replicasets', title: 'ReplicaSets' },
  { id: 'jobs', title: 'Jobs' },
  { id: 'cronjobs', title: 'CronJobs' },
] as const;

export type WorkloadKindId = (typeof WORKLOAD_KINDS)[number]['id'];

export function isWorkloadKind(id: string): id is WorkloadKindId {
  return WORKLOAD_KINDS.some((k) => k.id === id);
}

export function workloadHref(cluster: string, kind: string, namespace: string | undefined, name: string): string {
  return `/c/${encodeURIComponent(cluster)}/workloads/${kind}/${encodeURIComponent(namespace ?? '_')}/${encodeURIComponent(name)}`;
}
