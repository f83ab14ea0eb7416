import {
  ageColumn,
  byAge,
  byName,
  compareText,
  defaultSearchText,
  type BaseSummary,
  type CellTone,
  type DetailTable,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import { formatResource, parseQuantity } from '@/lib/k8s/quantity';
import {
  activePressures,
  nodeAddress,
  nodeConditionTone,
  nodeRoles,
  nodeStatusText,
  PRESSURE_CONDITIONS,
  type NodeLike,
} from '@/lib/k8s/status/node-status';

/** kubectl get nodes -o wide, plus what the list needs to colour a row. */
export interface NodeSummary extends BaseSummary {
  /** "Ready", "NotReady", "Unknown", with ",SchedulingDisabled" when cordoned. */
  status: string;
  ready: boolean;
  unschedulable: boolean;
  /** Pressure conditions that are True (MemoryPressure…): trouble even on a Ready node. */
  pressures: string[];
  roles: string;
  version: string;
  internalIP: string;
  externalIP: string;
  osImage: string;
  kernel: string;
  runtime: string;
}

function asNode(obj: KubeObject): NodeLike {
  return obj as unknown as NodeLike;
}

export function nodeTone(s: Pick<NodeSummary, 'ready' | 'unschedulable' | 'pressures' | 'status'>): CellTone {
  if (!s.ready) return s.status.startsWith('Unknown') ? 'amber' : 'red';
  if (s.pressures.length) return 'red';
  return s.unschedulable ? 'amber' : 'green';
}

export function nodeFacts(obj: KubeObject, s: NodeSummary): Fact[] {
  const node = asNode(obj);
  const info = node.status?.nodeInfo ?? {};
  const conditions = node.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  const labels = obj.metadata.labels ?? {};
  const facts: Fact[] = [
    { label: 'Status', value: s.status, tone: nodeTone(s), hint: ready?.message },
    s.unschedulable
      ? { label: 'Scheduling', value: 'Disabled (cordoned): no new pods', tone: 'amber' }
      : { label: 'Scheduling', value: 'Enabled', tone: 'green' },
  ];
  for (const type of PRESSURE_CONDITIONS) {
    const c = conditions.find((x) => x.type === type);
    if (!c) continue;
    const on = c.status === 'True';
    const value = c.status === 'Unknown' ? 'Unknown' : on ? `Yes (${c.reason ?? type})` : 'No';
    facts.push({ label: type, value, tone: nodeConditionTone(c), hint: c.message });
  }
  facts.push(
    { label: 'Roles', value: s.roles },
    { label: 'Kubelet', value: info.kubeletVersion ?? 'unknown', mono: true },
    { label: 'OS / arch', value: `${info.operatingSystem ?? '?'}/${info.architecture ?? '?'}`, mono: true },
    { label: 'OS image', value: s.osImage },
    { label: 'Kernel', value: s.kernel, mono: true },
    { label: 'Container runtime', value: s.runtime, mono: true },
    { label: 'Internal IP', value: s.internalIP, mono: true },
  );
  if (s.externalIP !== '<none>') facts.push({ label: 'External IP', value: s.externalIP, mono: true });
  if (node.spec?.podCIDR) facts.push({ label: 'Pod CIDR', value: node.spec.podCIDR, mono: true });
  const zone = labels['topology.kubernetes.io/zone'];
  if (zone) facts.push({ label: 'Zone', value: zone });
  const type = labels['node.kubernetes.io/instance-type'];
  if (type) facts.push({ label: 'Instance type', value: type });
  return facts;
}

/** A resource amount as kubectl prints it ("64", "256Gi", "4k" pods as 4000). */
function amount(resource: string, text: string | undefined): string {
  const n = parseQuantity(text);
  return n === undefined ? (text ?? '—') : formatResource(resource, n);
}

export function nodeTables(obj: KubeObject): DetailTable[] {
  const node = asNode(obj);
  const capacity = node.status?.capacity ?? {};
  const allocatable = node.status?.allocatable ?? {};
  const resources = [...new Set([...Object.keys(capacity), ...Object.keys(allocatable)])].sort(compareText);
  return [
    {
      id: 'taints',
      title: 'Taints',
      columns: ['Key', 'Value', 'Effect'],
      rows: (node.spec?.taints ?? []).map((t) => [t.key, t.value ?? '', t.effect]),
      empty: 'No taints: any pod may be scheduled here.',
    },
    {
      id: 'capacity',
      title: 'Capacity and allocatable',
      columns: ['Resource', 'Capacity', 'Allocatable'],
      rows: resources.map((r) => [r, amount(r, capacity[r]), amount(r, allocatable[r])]),
      empty: 'The node reports no capacity.',
    },
    {
      id: 'node-conditions',
      title: 'Conditions',
      columns: ['Type', 'Status', 'Reason', 'Message'],
      rows: (node.status?.conditions ?? []).map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']),
      empty: 'The kubelet reports no conditions.',
    },
  ];
}

export const nodesKind: KindDescriptor<NodeSummary> = {
  id: 'nodes',
  title: 'Nodes',
  titleSingular: 'Node',
  description: 'The machines pods run on: readiness, pressure, capacity and what is scheduled there.',
  nav: { group: 'cluster', order: 10 },
  // Node conditions read the other way round from most (a pressure condition is bad when True), so
  // the descriptor shows them itself, toned, instead of the shell's generic conditions table.
  detail: { facts: nodeFacts, tables: nodeTables, conditions: false, panel: true },
  kind: 'Node',
  group: '',
  versions: ['v1'],
  plural: 'nodes',
  namespaced: false,
  indexes: [],
  toSummary(obj: KubeObject): NodeSummary {
    const node = asNode(obj);
    const info = node.status?.nodeInfo ?? {};
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    return withBase(obj, {
      status: nodeStatusText(node),
      ready: ready?.status === 'True',
      unschedulable: node.spec?.unschedulable === true,
      pressures: activePressures(node),
      roles: nodeRoles(obj.metadata.labels),
      version: info.kubeletVersion ?? '',
      internalIP: nodeAddress(node, 'InternalIP'),
      externalIP: nodeAddress(node, 'ExternalIP'),
      osImage: info.osImage ?? '<unknown>',
      kernel: info.kernelVersion ?? '<unknown>',
      runtime: info.containerRuntimeVersion ?? '<unknown>',
    });
  },
  searchText: (s) =>
    `${defaultSearchText(s)} ${s.status} ${s.roles} ${s.version} ${s.internalIP} ${s.pressures.join(' ')}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    status: (a, b) => compareText(a.status, b.status) || byName(a, b),
    version: (a, b) => compareText(a.version, b.version) || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    {
      id: 'status',
      title: 'Status',
      cell: 'badge',
      value: (s) => s.status,
      tone: nodeTone,
      hint: (s) => (s.pressures.length ? `Under ${s.pressures.join(', ')}` : undefined),
      sort: 'status',
    },
    { id: 'roles', title: 'Roles', cell: 'text', value: (s) => s.roles },
    ageColumn,
    { id: 'version', title: 'Version', cell: 'mono', value: (s) => s.version, sort: 'version' },
    { id: 'internal-ip', title: 'Internal IP', cell: 'mono', value: (s) => s.internalIP },
    { id: 'external-ip', title: 'External IP', cell: 'mono', value: (s) => s.externalIP },
    { id: 'os-image', title: 'OS image', cell: 'text', value: (s) => s.osImage },
    { id: 'kernel', title: 'Kernel', cell: 'mono', value: (s) => s.kernel },
    { id: 'runtime', title: 'Container runtime', cell: 'mono', value: (s) => s.runtime },
  ],
};
