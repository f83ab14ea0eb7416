// A compact, plain view of a pod: only what the simulation and the metrics need. At 10k pods
// this keeps the agent's memory near 50 MB instead of holding every pod's full JSON.
import { podBehaviour, type PodBehaviour } from './behaviour';
import { statusFingerprint } from './pod-status';
import type { OwnerReference, PodCondition, RawPod } from './types';
import { usageProfile, type UsageProfile } from './usage';

export interface ContainerRecord {
  name: string;
  image: string;
  requests: Record<string, string>;
  limits: Record<string, string>;
}

export interface PodRecord {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  creationTimestamp: string;
  labels: Record<string, string>;
  owners: OwnerReference[];
  nodeName: string | undefined;
  deletionTimestamp: string | undefined;
  deletionGracePeriodSeconds: number | undefined;
  priorityClassName: string | undefined;
  hostNetwork: boolean;
  containers: ContainerRecord[];
  initContainers: { name: string; image: string }[];
  behaviour: PodBehaviour;
  status: {
    phase: string;
    podIP: string | undefined;
    hostIP: string | undefined;
    startTime: string | undefined;
    scheduled: PodCondition | undefined;
    restarts: Record<string, number>;
    fingerprint: string;
  };
  /** Usage profiles per container, made on first use. */
  profiles?: Map<string, UsageProfile>;
  /** This pod's kube-state-metrics lines per family, made on first scrape. */
  ksm?: string[];
}

export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** `fingerprint` is computed only for pods the agent runs (it costs a canonical JSON). */
export function toPodRecord(pod: RawPod, withFingerprint: boolean): PodRecord {
  const m = pod.metadata;
  const namespace = m.namespace ?? '';
  const status = pod.status ?? {};
  const restarts: Record<string, number> = {};
  for (const cs of status.containerStatuses ?? []) restarts[cs.name] = cs.restartCount;
  return {
    key: podKey(namespace, m.name),
    namespace,
    name: m.name,
    uid: m.uid,
    creationTimestamp: m.creationTimestamp ?? '',
    labels: m.labels ?? {},
    owners: (m.ownerReferences ?? []).map((o) => ({ kind: o.kind, name: o.name, controller: o.controller === true })),
    nodeName: pod.spec.nodeName || undefined,
    deletionTimestamp: m.deletionTimestamp,
    deletionGracePeriodSeconds: m.deletionGracePeriodSeconds,
    priorityClassName: pod.spec.priorityClassName,
    hostNetwork: pod.spec.hostNetwork === true,
    containers: pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      requests: c.resources?.requests ?? {},
      limits: c.resources?.limits ?? {},
    })),
    initContainers: (pod.spec.initContainers ?? []).map((c) => ({ name: c.name, image: c.image ?? '' })),
    behaviour: podBehaviour(pod),
    status: {
      phase: status.phase ?? 'Pending',
      podIP: status.podIP,
      hostIP: status.hostIP,
      startTime: status.startTime,
      scheduled: status.conditions?.find((c) => c.type === 'PodScheduled'),
      restarts,
      fingerprint: withFingerprint ? statusFingerprint(status) : '',
    },
  };
}

export function profileFor(record: PodRecord, container: string): UsageProfile {
  record.profiles ??= new Map();
  let profile = record.profiles.get(container);
  if (!profile) {
    const b = record.behaviour;
    profile = usageProfile(`${record.uid}/${container}`, {
      baseMillis: b.cpuMillis,
      ramp: b.cpuRamp,
      memoryBytes: b.memoryBytes,
    });
    record.profiles.set(container, profile);
  }
  return profile;
}

/** A rough guard against objects that are not pods (a watch can carry a Status on errors). */
export function isRawPod(value: unknown): value is RawPod {
  const v = value as Partial<RawPod> | null;
  return (
    !!v &&
    typeof v.metadata?.name === 'string' &&
    typeof v.metadata.uid === 'string' &&
    Array.isArray(v.spec?.containers)
  );
}
