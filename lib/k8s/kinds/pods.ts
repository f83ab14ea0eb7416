import {
  ageColumn,
  type BaseSummary,
  type CellTone,
  byAge,
  byName,
  defaultSearchText,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import { podFacts, podTables } from '@/lib/k8s/kinds/pod-detail';
import { byStatus, toneOf } from '@/lib/k8s/kinds/workload-fields';
import { controllerOf, type KubeObject } from '@/lib/k8s/object';
import { POD_NEEDS_ATTENTION_QUERY } from '@/lib/k8s/status/attention';
import { podHealth, podNeedsAttention, podStatus, restartsText, type PodLike } from '@/lib/k8s/status/pod-status';

export interface PodSummary extends BaseSummary {
  status: string;
  /** kubectl's READY column, "1/2" */
  readyText: string;
  ready: boolean;
  restarts: number;
  /** When the newest counted restart ended (kubectl's "(3m ago)"). */
  lastRestartAt?: string;
  node?: string;
  podIP?: string;
  // kubectl -o wide NOMINATED NODE and READINESS GATES: in the summary (pod detail, search), not
  // table columns: the table has no wide mode yet, and two more columns squeeze names (issue 12).
  /** status.nominatedNodeName. */
  nominatedNode?: string;
  /** kubectl -o wide READINESS GATES: "true/total" of spec.readinessGates, undefined without gates. */
  readinessGates?: string;
  owner?: { kind: string; name: string };
  images: string[];
  /** Container names, for the log viewer's container picker. */
  containers: string[];
  /** PersistentVolumeClaims the pod mounts (a claim's "mounted by"); absent when none. */
  claims?: string[];
}

/** Red for failure reasons (podHealth), amber for a running pod that is not ready. */
export function podTone(s: Pick<PodSummary, 'status' | 'ready'>): CellTone {
  if (podHealth(s.status) === 'bad') return 'red';
  return s.status === 'Running' && !s.ready ? 'amber' : toneOf(s.status);
}

export const podsKind: KindDescriptor<PodSummary> = {
  id: 'pods',
  title: 'Pods',
  kind: 'Pod',
  group: '',
  versions: ['v1'],
  plural: 'pods',
  namespaced: true,
  indexes: ['owner', 'node'],
  toSummary(obj: KubeObject): PodSummary {
    const pod = obj as unknown as PodLike & {
      spec?: { readinessGates?: { conditionType: string }[] };
      status?: { podIP?: string; nominatedNodeName?: string };
    };
    const gates = pod.spec?.readinessGates ?? [];
    const trueGates = gates.filter((g) =>
      pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True'),
    ).length;
    const containers = (obj.spec as { containers?: { image?: string }[] } | undefined)?.containers ?? [];
    const cols = podStatus(pod);
    const owner = controllerOf(obj);
    const claims = claimNames(obj);
    return withBase(obj, {
      status: cols.status,
      readyText: `${cols.readyContainers}/${cols.totalContainers}`,
      ready: cols.ready,
      restarts: cols.restarts,
      lastRestartAt: cols.lastRestartAt,
      node: pod.spec?.nodeName,
      podIP: pod.status?.podIP,
      nominatedNode: pod.status?.nominatedNodeName || undefined,
      readinessGates: gates.length ? `${trueGates}/${gates.length}` : undefined,
      owner: owner ? { kind: owner.kind, name: owner.name } : undefined,
      images: containers.map((c) => c.image ?? '').filter(Boolean),
      containers: containers.map((c) => (c as { name?: string }).name ?? '').filter(Boolean),
      ...(claims.length ? { claims } : {}),
    });
  },
  searchText: (s) =>
    `${defaultSearchText(s)} ${s.node ?? ''} ${s.status}${podNeedsAttention(s.status) ? ` ${POD_NEEDS_ATTENTION_QUERY}` : ''}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    status: byStatus,
    restarts: (a, b) => a.restarts - b.restarts || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    { id: 'ready', title: 'Ready', cell: 'number', value: (s) => s.readyText },
    {
      id: 'status',
      title: 'Status',
      cell: 'badge',
      value: (s) => s.status,
      tone: podTone,
      sort: 'status',
    },
    {
      id: 'restarts',
      title: 'Restarts',
      cell: 'number',
      value: (s) => s.restarts,
      display: (s, now) => restartsText(s.restarts, s.lastRestartAt, now),
      sort: 'restarts',
    },
    { id: 'ip', title: 'IP', cell: 'mono', value: (s) => s.podIP || '<none>' },
    { id: 'node', title: 'Node', cell: 'text', value: (s) => s.node || '<none>' },
    ageColumn,
  ],
  titleSingular: 'Pod',
  detail: {
    facts: (obj, s, ctx) =>
      podFacts(
        obj,
        {
          status: s.status,
          tone: podTone(s),
          readyText: s.readyText,
          restartsText: restartsText(s.restarts, s.lastRestartAt, new Date().toISOString()),
        },
        ctx?.cluster,
      ),
    tables: (obj) => podTables(obj),
    panel: true,
  },
};

/** spec.volumes[].persistentVolumeClaim.claimName, each once. */
export function claimNames(obj: KubeObject): string[] {
  const volumes =
    (obj.spec as { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] } | undefined)?.volumes ?? [];
  return [...new Set(volumes.map((v) => v.persistentVolumeClaim?.claimName ?? '').filter(Boolean))];
}
