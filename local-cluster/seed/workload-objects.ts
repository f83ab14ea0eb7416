// Builders: a workload of the catalog as the Kubernetes object it is at a given revision. Pure.
import type { Obj } from './kube';
import { CHANGE_CAUSE, STUCK_ROLLOUT, type WorkloadSeed } from './workload-catalog';

export function imageAt(w: WorkloadSeed, i: number): string {
  const r = w.revisions[i];
  if (!r) throw new Error(`${w.name} has no revision index ${i}`);
  return `${w.image}:${r.tag}`;
}

export function podTemplateAt(w: WorkloadSeed, i: number) {
  const r = w.revisions[i];
  if (!r) throw new Error(`${w.name} has no revision index ${i}`);
  // Annotations accumulate over revisions: a merge patch never removes a key anyway.
  const extra = Object.assign({}, ...w.revisions.slice(0, i + 1).map((x) => x.podAnnotations ?? {}));
  return {
    metadata: {
      labels: {
        app: w.name,
        'app.kubernetes.io/name': w.name,
        'app.kubernetes.io/part-of': w.partOf,
        'app.kubernetes.io/version': r.tag,
      },
      annotations: { ...w.sim, ...extra },
    },
    spec: {
      containers: [
        {
          name: w.name,
          image: imageAt(w, i),
          ports: [{ name: w.port.name, containerPort: w.port.containerPort, protocol: 'TCP' }],
          resources: {
            requests: { cpu: w.cpu[0], memory: w.memory[0] },
            limits: { cpu: w.cpu[1], memory: w.memory[1] },
          },
        },
      ],
      ...(w.kind === 'DaemonSet' ? { tolerations: [{ operator: 'Exists' }] } : {}),
    },
  };
}

/** The whole object as it is at revision index `i` (0 = first revision). */
export function workloadAt(w: WorkloadSeed, i: number): Obj {
  const r = w.revisions[i];
  if (!r) throw new Error(`${w.name} has no revision index ${i}`);
  const spec: Record<string, unknown> = { selector: { matchLabels: { app: w.name } }, template: podTemplateAt(w, i) };
  if (w.kind !== 'DaemonSet') spec.replicas = w.replicas;
  if (w.kind === 'Deployment') {
    spec.revisionHistoryLimit = 10;
    if (w.progressDeadlineSeconds) spec.progressDeadlineSeconds = w.progressDeadlineSeconds;
    if (w.rollingUpdate) spec.strategy = { type: 'RollingUpdate', rollingUpdate: w.rollingUpdate };
  }
  if (w.kind === 'StatefulSet') spec.serviceName = w.serviceName ?? w.name;
  return {
    apiVersion: 'apps/v1',
    kind: w.kind,
    metadata: {
      name: w.name,
      namespace: w.namespace,
      labels: { app: w.name, 'app.kubernetes.io/part-of': w.partOf },
      annotations: { [CHANGE_CAUSE]: r.changeCause },
    },
    spec,
  };
}

/** The merge patch that moves a workload from revision i-1 to revision i. */
export function revisionPatch(w: WorkloadSeed, i: number): Obj {
  const full = workloadAt(w, i);
  return {
    apiVersion: full.apiVersion,
    kind: full.kind,
    metadata: full.metadata,
    spec: { template: podTemplateAt(w, i) },
  };
}

export function hpaObject(w: WorkloadSeed): Obj | undefined {
  if (!w.hpa) return undefined;
  return {
    // The cluster is v1.20: autoscaling/v2 arrived in 1.23.
    apiVersion: 'autoscaling/v2beta2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: w.name, namespace: w.namespace, labels: { app: w.name } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: w.kind, name: w.name },
      minReplicas: w.hpa.minReplicas,
      maxReplicas: w.hpa.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: w.hpa.cpuUtilization } },
        },
      ],
    },
  };
}

/** The most pods the workloads can hold at once in steady state (HPA at max, one node-agent node each for DaemonSets). */
export function maxSteadyPods(workloads: readonly WorkloadSeed[], nodes: number): number {
  return workloads.reduce((sum, w) => {
    if (w.kind === 'DaemonSet') return sum + nodes;
    const surge = w.name === STUCK_ROLLOUT.name ? 1 : 0;
    return sum + Math.max(w.replicas, w.hpa?.maxReplicas ?? 0) + surge;
  }, 0);
}
