import 'server-only';

import type { MetricTargetKind, MetricTemplate, MetricUnit } from '@/lib/metrics/types';

// PromQL templates. Only the server builds PromQL; parameters arrive validated as DNS names (zod, in
// lib/metrics/types.ts) and are escaped again here as PromQL string literals, so that no input can
// leave its label matcher. Shapes follow REFERENCE.md "Prometheus": `container!="", image!=""` drops
// the pod-level cgroup series (summing both double-counts), and a Deployment's pods are found through
// kube_pod_owner (pod → ReplicaSet) joined with kube_replicaset_owner (ReplicaSet → Deployment).

export interface MetricTarget {
  kind: MetricTargetKind;
  namespace: string;
  name: string;
}

export interface SeriesQuery {
  id: string;
  label: string;
  promql: string;
  /** The result holds one series per value of this label: each becomes a series `<id>:<value>`. */
  splitBy?: 'container';
}

export interface TemplateQueries {
  unit: MetricUnit;
  series: SeriesQuery[];
}

/** A PromQL double-quoted string literal (Go escaping rules). */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

const OWNER_KIND: Record<Exclude<MetricTargetKind, 'pod'>, string> = {
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
};

/** Label matchers (without braces) selecting the target's namespace, and its pod for a pod target. */
function matchers(t: MetricTarget, extra: string[] = []): string {
  const base = [`namespace=${promString(t.namespace)}`];
  if (t.kind === 'pod') base.push(`pod=${promString(t.name)}`);
  return `{${[...base, ...extra].join(',')}}`;
}

/** An instant vector with one series per pod of the workload, labels (namespace, pod), value 1. */
export function workloadPods(t: MetricTarget): string {
  const ns = `namespace=${promString(t.namespace)}`;
  if (t.kind === 'pod') return `max by (namespace, pod) (kube_pod_info${matchers(t)})`;
  if (t.kind === 'deployment') {
    return (
      `max by (namespace, pod) (` +
      `label_replace(kube_pod_owner{${ns},owner_kind="ReplicaSet"}, "replicaset", "$1", "owner_name", "(.*)")` +
      ` * on (namespace, replicaset) group_left() ` +
      `max by (namespace, replicaset) (kube_replicaset_owner{${ns},owner_kind="Deployment",owner_name=${promString(t.name)}}))`
    );
  }
  return `max by (namespace, pod) (kube_pod_owner{${ns},owner_kind="${OWNER_KIND[t.kind]}",owner_name=${promString(t.name)}})`;
}

/** Sums `expr` (which carries namespace and pod labels) over the target's pods. */
function sumOverTarget(expr: string, t: MetricTarget): string {
  if (t.kind === 'pod') return `sum(${expr})`;
  return `sum(${expr} * on (namespace, pod) group_left() ${workloadPods(t)})`;
}

const CONTAINERS = ['container!=""', 'image!=""'];

function cpuUsage(t: MetricTarget, windowSeconds: number): string {
  return sumOverTarget(`rate(container_cpu_usage_seconds_total${matchers(t, CONTAINERS)}[${windowSeconds}s])`, t);
}

function memoryUsage(t: MetricTarget): string {
  return sumOverTarget(`container_memory_working_set_bytes${matchers(t, CONTAINERS)}`, t);
}

function resource(metric: 'requests' | 'limits', resourceName: 'cpu' | 'memory', t: MetricTarget): string {
  return sumOverTarget(`kube_pod_container_resource_${metric}${matchers(t, [`resource="${resourceName}"`])}`, t);
}

/** The queries of one template for one target. `windowSeconds` is the rate/increase window. */
export function templateQueries(template: MetricTemplate, t: MetricTarget, windowSeconds: number): TemplateQueries {
  switch (template) {
    case 'cpu':
      return {
        unit: 'cores',
        series: [
          { id: 'usage', label: 'CPU used', promql: cpuUsage(t, windowSeconds) },
          { id: 'requests', label: 'Requests', promql: resource('requests', 'cpu', t) },
          { id: 'limits', label: 'Limits', promql: resource('limits', 'cpu', t) },
        ],
      };
    case 'memory':
      return {
        unit: 'bytes',
        series: [
          { id: 'usage', label: 'Working set', promql: memoryUsage(t) },
          { id: 'requests', label: 'Requests', promql: resource('requests', 'memory', t) },
          { id: 'limits', label: 'Limits', promql: resource('limits', 'memory', t) },
        ],
      };
    case 'restarts':
      return {
        unit: 'count',
        series: [
          {
            id: 'restarts',
            label: 'Restarts',
            promql: sumOverTarget(
              `increase(kube_pod_container_status_restarts_total${matchers(t)}[${windowSeconds}s])`,
              t,
            ),
          },
        ],
      };
    case 'replicas':
      return { unit: 'count', series: [{ id: 'replicas', label: 'Pods', promql: `count(${workloadPods(t)})` }] };
    case 'cpu-utilization':
      return {
        unit: 'percent',
        series: [
          {
            id: 'utilization',
            label: 'CPU % of requests',
            promql: `100 * ${cpuUsage(t, windowSeconds)} / ${resource('requests', 'cpu', t)}`,
          },
        ],
      };
    case 'container-cpu':
      return {
        unit: 'cores',
        series: [
          {
            id: 'usage',
            label: 'CPU used',
            splitBy: 'container',
            promql: `sum by (container) (rate(container_cpu_usage_seconds_total${matchers(t, CONTAINERS)}[${windowSeconds}s]))`,
          },
        ],
      };
    case 'container-memory':
      return {
        unit: 'bytes',
        series: [
          {
            id: 'usage',
            label: 'Working set',
            splitBy: 'container',
            promql: `sum by (container) (container_memory_working_set_bytes${matchers(t, CONTAINERS)})`,
          },
        ],
      };
    case 'memory-utilization':
      return {
        unit: 'percent',
        series: [
          {
            id: 'utilization',
            label: 'Memory % of requests',
            promql: `100 * ${memoryUsage(t)} / ${resource('requests', 'memory', t)}`,
          },
        ],
      };
  }
}
