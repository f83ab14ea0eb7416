// The /metrics payload: cAdvisor's per-container usage for the pods we run, and the
// kube-state-metrics series the dashboard joins on, for every pod in the cluster. Label sets
// follow cAdvisor (https://github.com/google/cadvisor/blob/master/docs/storage/prometheus.md) and
// kube-state-metrics v2 (https://github.com/kubernetes/kube-state-metrics/tree/main/docs).
import type { PodRecord } from './pod-record';
import { formatValue, header, labels } from './prom-text';
import { parseBytes, parseCpuMillis } from './quantity';
import { samplePod } from './samples';
import type { OwnerReference } from './types';

export interface ReplicaSetRecord {
  namespace: string;
  name: string;
  owners: OwnerReference[];
}

export interface MetricsView {
  pods: Iterable<PodRecord>;
  /** The simulation start of a pod we run; undefined for pods we do not run (yet). */
  startOf(rec: PodRecord): number | undefined;
  replicaSets: Iterable<ReplicaSetRecord>;
  now: number;
}

/**
 * Pods labelled `sim.wheelhouse.dev/metrics=off` are left out of the Prometheus text: the benchmark's
 * bare filler pods (bench/seed.ts). At 100,000 pods the one endpoint the agent serves for all its
 * nodes grew to ~95 MB per 5 s scrape (measured 29 MB / 1.3 s at 31k), CPU taken from what the
 * benchmark measures; a real cluster spreads this over one kubelet per node.
 */
export const METRICS_OFF_LABEL = 'sim.wheelhouse.dev/metrics';

export function scraped(rec: PodRecord): boolean {
  return rec.labels[METRICS_OFF_LABEL] !== 'off';
}

export function renderCadvisor(view: MetricsView): string {
  const cpu: string[] = [
    header('container_cpu_usage_seconds_total', 'counter', 'Cumulative cpu time consumed in seconds.'),
  ];
  const mem: string[] = [header('container_memory_working_set_bytes', 'gauge', 'Current working set in bytes.')];
  for (const rec of view.pods) {
    if (!scraped(rec)) continue;
    const start = view.startOf(rec);
    if (start === undefined) continue;
    for (const s of samplePod(rec, start, view.now)) {
      const name = `k8s_${s.name}_${rec.name}_${rec.namespace}_${rec.uid}_${s.restartCount}`;
      const l = labels([
        ['container', s.name],
        ['image', s.image],
        ['name', name],
        ['namespace', rec.namespace],
        ['pod', rec.name],
      ]);
      cpu.push(`container_cpu_usage_seconds_total${l} ${formatValue(s.cpuSecondsTotal)}\n`);
      mem.push(`container_memory_working_set_bytes${l} ${formatValue(s.memoryBytes)}\n`);
    }
  }
  return cpu.join('') + mem.join('');
}

const FAMILIES = [
  ['kube_pod_info', 'gauge', 'Information about pod.'],
  ['kube_pod_owner', 'gauge', "Information about the Pod's owner."],
  ['kube_pod_container_resource_requests', 'gauge', 'The number of requested request resource by a container.'],
  ['kube_pod_container_resource_limits', 'gauge', 'The number of requested limit resource by a container.'],
  ['kube_pod_container_status_restarts_total', 'counter', 'The number of container restarts per container.'],
] as const;

function ownerLines(metric: string, base: [string, string][], owners: OwnerReference[]): string {
  const list = owners.length ? owners : [{ kind: '<none>', name: '<none>', controller: undefined }];
  return list
    .map((o) => {
      const ctl = o.controller === undefined ? '<none>' : String(o.controller);
      return `${metric}${labels([...base, ['owner_kind', o.kind], ['owner_name', o.name], ['owner_is_controller', ctl]])} 1\n`;
    })
    .join('');
}

function resourceLines(metric: string, rec: PodRecord, pick: 'requests' | 'limits'): string {
  let out = '';
  for (const c of rec.containers) {
    const cpu = parseCpuMillis(c[pick].cpu);
    const mem = parseBytes(c[pick].memory);
    const base: [string, string][] = [
      ['namespace', rec.namespace],
      ['pod', rec.name],
      ['container', c.name],
      ['node', rec.nodeName ?? ''],
    ];
    if (cpu !== undefined)
      out += `${metric}${labels([...base, ['resource', 'cpu'], ['unit', 'core']])} ${formatValue(cpu / 1000)}\n`;
    if (mem !== undefined)
      out += `${metric}${labels([...base, ['resource', 'memory'], ['unit', 'byte']])} ${formatValue(mem)}\n`;
  }
  return out;
}

/** One string per family in FAMILIES order, cached on the record until it is replaced. */
function podKsm(rec: PodRecord): string[] {
  if (rec.ksm) return rec.ksm;
  const np: [string, string][] = [
    ['namespace', rec.namespace],
    ['pod', rec.name],
  ];
  const creator = rec.owners.find((o) => o.controller) ?? rec.owners[0];
  const info = labels([
    ...np,
    ['uid', rec.uid],
    ['host_ip', rec.status.hostIP ?? ''],
    ['pod_ip', rec.status.podIP ?? ''],
    ['node', rec.nodeName ?? ''],
    ['created_by_kind', creator?.kind ?? '<none>'],
    ['created_by_name', creator?.name ?? '<none>'],
    ['priority_class', rec.priorityClassName ?? ''],
    ['host_network', String(rec.hostNetwork)],
  ]);
  const restarts = rec.containers
    .map(
      (c) =>
        `kube_pod_container_status_restarts_total${labels([...np, ['container', c.name]])} ${rec.status.restarts[c.name] ?? 0}\n`,
    )
    .join('');
  rec.ksm = [
    `kube_pod_info${info} 1\n`,
    ownerLines('kube_pod_owner', np, rec.owners),
    resourceLines('kube_pod_container_resource_requests', rec, 'requests'),
    resourceLines('kube_pod_container_resource_limits', rec, 'limits'),
    restarts,
  ];
  return rec.ksm;
}

export function renderKubeState(view: MetricsView): string {
  const parts: string[][] = FAMILIES.map(([name, type, help]) => [header(name, type, help)]);
  for (const rec of view.pods) {
    if (!scraped(rec)) continue;
    const lines = podKsm(rec);
    lines.forEach((text, i) => {
      if (text) parts[i]?.push(text);
    });
  }
  const rs = [header('kube_replicaset_owner', 'gauge', "Information about the ReplicaSet's owner.")];
  for (const r of view.replicaSets)
    rs.push(
      ownerLines(
        'kube_replicaset_owner',
        [
          ['namespace', r.namespace],
          ['replicaset', r.name],
        ],
        r.owners,
      ),
    );
  return parts.map((p) => p.join('')).join('') + rs.join('');
}
