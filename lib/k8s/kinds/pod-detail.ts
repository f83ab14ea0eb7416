import type { CellTone, DetailTable, Fact } from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import { formatBytes, formatCpu, parseQuantity } from '@/lib/k8s/quantity';
import { routes } from '@/lib/routes';

// A pod's detail page as data (issue 12, "Pod detail, completed"): containers with their kind (init,
// sidecar, app), requests and limits; probes as `kubectl describe` prints them; where each container's
// environment comes from (ConfigMap and Secret names and keys — never a value); volumes; QoS class.

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

interface Probe {
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string };
  grpc?: { port?: number; service?: string };
  exec?: { command?: string[] };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name?: string; key?: string; optional?: boolean };
    secretKeyRef?: { name?: string; key?: string; optional?: boolean };
    fieldRef?: { fieldPath?: string };
    resourceFieldRef?: { resource?: string; containerName?: string };
  };
}

interface EnvFrom {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export interface ContainerSpec {
  name: string;
  image?: string;
  restartPolicy?: string;
  resources?: Resources;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  env?: EnvVar[];
  envFrom?: EnvFrom[];
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  state?: Record<string, { reason?: string; exitCode?: number } | undefined>;
}

interface Volume {
  name: string;
  [source: string]: unknown;
}

export interface PodObject {
  metadata: KubeObject['metadata'];
  spec?: {
    containers?: ContainerSpec[];
    initContainers?: ContainerSpec[];
    volumes?: Volume[];
    nodeName?: string;
    serviceAccountName?: string;
    priorityClassName?: string;
  };
  status?: {
    qosClass?: string;
    podIP?: string;
    startTime?: string;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export type ContainerRole = 'init' | 'sidecar' | 'app';

export interface PodContainer {
  name: string;
  role: ContainerRole;
  spec: ContainerSpec;
  status?: ContainerStatus;
}

/** Every container of the pod in start order: init containers (sidecars among them), then the app's. */
export function podContainers(pod: PodObject): PodContainer[] {
  const init = pod.status?.initContainerStatuses ?? [];
  const app = pod.status?.containerStatuses ?? [];
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => ({
      name: c.name,
      role: (c.restartPolicy === 'Always' ? 'sidecar' : 'init') as ContainerRole,
      spec: c,
      status: init.find((s) => s.name === c.name),
    })),
    ...(pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      role: 'app' as const,
      spec: c,
      status: app.find((s) => s.name === c.name),
    })),
  ];
}

function stateText(s: ContainerStatus | undefined): string {
  const [k, v] = Object.entries(s?.state ?? {}).find(([, x]) => x) ?? [];
  if (!k) return 'unknown';
  return [k, v?.reason, v?.exitCode !== undefined ? `exit ${v.exitCode}` : ''].filter(Boolean).join(' · ');
}

function amounts(r: Record<string, string> | undefined): string {
  if (!r) return '—';
  const parts: string[] = [];
  const cpu = parseQuantity(r.cpu);
  const mem = parseQuantity(r.memory);
  if (cpu !== undefined) parts.push(`cpu ${formatCpu(cpu)}`);
  if (mem !== undefined) parts.push(`memory ${formatBytes(mem)}`);
  for (const [k, v] of Object.entries(r)) if (k !== 'cpu' && k !== 'memory') parts.push(`${k} ${v}`);
  return parts.join(', ') || '—';
}

/** A probe as `kubectl describe pod` prints it: "http-get http://:8080/healthz delay=0s timeout=1s …". */
export function probeText(p: Probe): string {
  let action = 'unknown';
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    action = `http-get ${scheme}://${p.httpGet.host ?? ''}:${p.httpGet.port ?? ''}${p.httpGet.path ?? ''}`;
  } else if (p.tcpSocket) action = `tcp-socket :${p.tcpSocket.port ?? ''}`;
  else if (p.grpc) action = `grpc <pod>:${p.grpc.port ?? ''} ${p.grpc.service ?? ''}`.trim();
  else if (p.exec) action = `exec [${(p.exec.command ?? []).join(' ')}]`;
  return (
    `${action} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s ` +
    `period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`
  );
}

const PROBES = [
  ['startupProbe', 'Startup'],
  ['livenessProbe', 'Liveness'],
  ['readinessProbe', 'Readiness'],
] as const;

/** Where a container's environment comes from: names and keys of ConfigMaps and Secrets, never values. */
export function envSources(c: ContainerSpec): string[][] {
  const rows: string[][] = [];
  for (const f of c.envFrom ?? []) {
    const prefix = f.prefix ? ` (prefix ${f.prefix})` : '';
    if (f.configMapRef) rows.push([c.name, `all keys${prefix}`, 'ConfigMap', f.configMapRef.name ?? '', '']);
    if (f.secretRef) rows.push([c.name, `all keys${prefix}`, 'Secret', f.secretRef.name ?? '', '']);
  }
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (from?.configMapKeyRef)
      rows.push([c.name, e.name, 'ConfigMap', from.configMapKeyRef.name ?? '', from.configMapKeyRef.key ?? '']);
    else if (from?.secretKeyRef)
      rows.push([c.name, e.name, 'Secret', from.secretKeyRef.name ?? '', from.secretKeyRef.key ?? '']);
    else if (from?.fieldRef) rows.push([c.name, e.name, 'Field', from.fieldRef.fieldPath ?? '', '']);
    else if (from?.resourceFieldRef)
      rows.push([
        c.name,
        e.name,
        'Resource',
        from.resourceFieldRef.resource ?? '',
        from.resourceFieldRef.containerName ?? '',
      ]);
    else rows.push([c.name, e.name, 'Literal', '(value not shown)', '']);
  }
  return rows;
}

const VOLUME_SOURCES: Record<string, (v: Record<string, unknown>) => string> = {
  configMap: (v) => `ConfigMap ${String(v.name ?? '')}`,
  secret: (v) => `Secret ${String(v.secretName ?? '')}`,
  persistentVolumeClaim: (v) => `PersistentVolumeClaim ${String(v.claimName ?? '')}${v.readOnly ? ' (read-only)' : ''}`,
  emptyDir: (v) =>
    `EmptyDir${v.medium ? ` (${String(v.medium)})` : ''}${v.sizeLimit ? ` limit ${String(v.sizeLimit)}` : ''}`,
  hostPath: (v) => `HostPath ${String(v.path ?? '')}`,
  projected: (v) =>
    `Projected: ${((v.sources as Record<string, { name?: string } | undefined>[] | undefined) ?? [])
      .map((s) => Object.entries(s).map(([k, x]) => (x?.name ? `${k} ${x.name}` : k)))
      .flat()
      .join(', ')}`,
  downwardAPI: () => 'DownwardAPI',
  ephemeral: () => 'Ephemeral volume claim',
  csi: (v) => `CSI ${String(v.driver ?? '')}`,
  nfs: (v) => `NFS ${String(v.server ?? '')}:${String(v.path ?? '')}`,
};

export function volumeSource(v: Volume): string {
  for (const [k, fmt] of Object.entries(VOLUME_SOURCES)) {
    const src = v[k];
    if (src && typeof src === 'object') return fmt(src as Record<string, unknown>);
  }
  return Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
}

export function podFacts(obj: KubeObject, s: PodFactsSummary, cluster?: string): Fact[] {
  const pod = obj as unknown as PodObject;
  const owner = obj.metadata.ownerReferences?.find((r) => r.controller);
  const ownerId = owner ? OWNER_KINDS[owner.kind] : undefined;
  const facts: Fact[] = [
    { label: 'Status', value: s.status, tone: s.tone },
    { label: 'Ready', value: s.readyText },
    { label: 'Restarts', value: s.restartsText },
    {
      label: 'QoS class',
      value: pod.status?.qosClass ?? '—',
      hint: 'BestEffort pods are evicted first, Guaranteed last',
    },
    {
      label: 'Node',
      value: pod.spec?.nodeName ?? 'not scheduled',
      ...(cluster && pod.spec?.nodeName ? { href: routes.object(cluster, 'nodes', undefined, pod.spec.nodeName) } : {}),
    },
    { label: 'Pod IP', value: pod.status?.podIP ?? '<none>', mono: true },
    {
      label: 'Controlled by',
      value: owner ? `${owner.kind}/${owner.name}` : '—',
      ...(cluster && owner && ownerId
        ? { href: routes.object(cluster, ownerId, obj.metadata.namespace, owner.name) }
        : {}),
    },
    { label: 'Service account', value: pod.spec?.serviceAccountName ?? 'default' },
  ];
  if (pod.spec?.priorityClassName) facts.push({ label: 'Priority class', value: pod.spec.priorityClassName });
  return facts;
}

/** What the facts need from the pod's summary (lib/k8s/kinds/pods.ts builds it). */
export interface PodFactsSummary {
  status: string;
  tone: CellTone;
  readyText: string;
  restartsText: string;
}

const OWNER_KINDS: Record<string, string> = {
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
};

export function podTables(obj: KubeObject): DetailTable[] {
  const pod = obj as unknown as PodObject;
  const containers = podContainers(pod);
  return [
    {
      id: 'containers',
      title: 'Containers',
      columns: ['Name', 'Kind', 'Image', 'State', 'Ready', 'Restarts', 'Requests', 'Limits'],
      rows: containers.map((c) => [
        c.name,
        c.role === 'app' ? 'container' : c.role === 'sidecar' ? 'sidecar (init, always)' : 'init',
        c.status?.image ?? c.spec.image ?? '',
        stateText(c.status),
        c.status?.ready ? 'yes' : 'no',
        String(c.status?.restartCount ?? 0),
        amounts(c.spec.resources?.requests),
        amounts(c.spec.resources?.limits),
      ]),
    },
    {
      id: 'probes',
      title: 'Probes',
      columns: ['Container', 'Probe', 'Check'],
      rows: containers.flatMap((c) =>
        PROBES.filter(([k]) => c.spec[k]).map(([k, label]) => [c.name, label, probeText(c.spec[k] as Probe)]),
      ),
      empty: 'No probes: Kubernetes counts these containers ready as soon as they start.',
    },
    {
      id: 'env',
      title: 'Environment sources',
      columns: ['Container', 'Variable', 'From', 'Name', 'Key'],
      rows: containers.flatMap((c) => envSources(c.spec)),
      empty: 'No environment variables.',
    },
    {
      id: 'volumes',
      title: 'Volumes',
      columns: ['Name', 'Source'],
      rows: (pod.spec?.volumes ?? []).map((v) => [v.name, volumeSource(v)]),
      empty: 'No volumes.',
    },
  ];
}
