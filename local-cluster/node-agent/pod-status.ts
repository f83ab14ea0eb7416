// The status kubelet would report for a simulated pod at an instant. Pure: the same inputs give
// the same status (timestamps are whole seconds, as the API stores them), so comparing a
// fingerprint of it with the pod's stored status tells whether a patch is needed — also after an
// agent restart. Shapes follow kubelet's status manager and kubectl's view of them
// (https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/kubelet/kubelet_pods.go).
import { createHash } from 'node:crypto';

import { DEFAULTS, podSyncSeed, type ContainerPlan, type PodBehaviour } from './behaviour';
import { waitingMessage } from './image-pull';
import { containerAt, type ContainerMoment, type Run } from './timeline';
import type { ContainerState, ContainerStatus, PodCondition, PodStatus } from './types';

export interface PodIdentity {
  namespace: string;
  name: string;
  uid: string;
}

export interface SimInput {
  pod: PodIdentity;
  behaviour: PodBehaviour;
  initContainers: { name: string; image: string }[];
  startMs: number;
  podIP: string;
  hostIP: string;
  /** The scheduler's PodScheduled condition, kept as it is. */
  scheduled: PodCondition | undefined;
  now: number;
}

export interface SimOutput {
  status: PodStatus;
  nextAt: number | undefined;
  terminal: boolean;
}

/** RFC 3339 at whole seconds, as the API serializes metav1.Time. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function imageID(image: string): string {
  const name = image.split('@')[0]?.replace(/:[^/:]+$/, '') ?? image;
  return `${name}@sha256:${sha(image)}`;
}

function containerID(pod: PodIdentity, container: string, run: number): string {
  return `containerd://${sha(`${pod.uid}/${container}/${run}`)}`;
}

function terminated(
  pod: PodIdentity,
  plan: Pick<ContainerPlan, 'name' | 'exitCode' | 'exitReason'>,
  run: Run,
): ContainerState {
  return {
    terminated: {
      exitCode: plan.exitCode,
      reason: plan.exitReason ?? (plan.exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: isoSeconds(run.startedAt),
      finishedAt: isoSeconds(run.finishedAt ?? run.startedAt),
      containerID: containerID(pod, plan.name, run.index),
    },
  };
}

/** Go's time.Duration.String() for whole seconds under an hour, as kubelet prints a back-off: 10s, 1m20s, 5m0s. */
export function goDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

function containerStatus(pod: PodIdentity, plan: ContainerPlan, m: ContainerMoment): ContainerStatus {
  const base = { name: plan.name, image: plan.image, imageID: imageID(plan.image) };
  if (m.kind === 'waiting') {
    // Never started: no container, no pulled image (kubelet reports imageID "").
    const message = waitingMessage(m.reason, plan.image);
    return {
      ...base,
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: m.reason, ...(message ? { message } : {}) } },
      lastState: {},
    };
  }
  if (m.kind === 'running') {
    return {
      ...base,
      containerID: containerID(pod, plan.name, m.run.index),
      ready: m.ready,
      started: true,
      restartCount: m.run.index,
      state: { running: { startedAt: isoSeconds(m.run.startedAt) } },
      lastState: m.last ? terminated(pod, plan, m.last) : {},
    };
  }
  const last = terminated(pod, plan, m.last);
  if (m.kind === 'terminated' || m.kind === 'exited') {
    return {
      ...base,
      containerID: containerID(pod, plan.name, m.last.index),
      ready: false,
      started: false,
      restartCount: m.restartCount,
      state: last,
      lastState: m.kind === 'exited' && m.previous ? terminated(pod, plan, m.previous) : {},
    };
  }
  const message = `back-off ${goDuration(m.backoffMs)} restarting failed container=${plan.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`;
  return {
    ...base,
    containerID: containerID(pod, plan.name, m.last.index),
    ready: false,
    started: false,
    restartCount: m.restartCount,
    state: { waiting: { reason: 'CrashLoopBackOff', message } },
    lastState: last,
  };
}

function notReadySince(m: ContainerMoment, startMs: number): number {
  if (m.kind === 'waiting') return startMs;
  return m.kind === 'running' ? m.run.startedAt : (m.last.finishedAt ?? m.last.startedAt);
}

function condition(type: string, ok: boolean, at: number, reason?: string, message?: string): PodCondition {
  return {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: isoSeconds(at),
    ...(ok ? {} : { reason, ...(message ? { message } : {}) }),
  };
}

interface InitOutcome {
  statuses: ContainerStatus[];
  /** Init containers that have not succeeded (the Initialized condition's message). */
  incomplete: string[];
  /** The pod failed for good (restartPolicy Never). */
  failed: boolean;
  nextAt: number | undefined;
}

/**
 * Init containers: all completed at the pod's start, or — with an init failure — the first one
 * exits non-zero and restarts with back-off (Init:Error, Init:CrashLoopBackOff) while the rest
 * wait (PodInitializing), as kubelet runs them one at a time.
 */
function initOutcome(input: SimInput): InitOutcome {
  const { pod, startMs } = input;
  const failure = input.behaviour.initFailure;
  const [first, ...rest] = input.initContainers;
  if (!failure || !first) {
    const statuses = input.initContainers.map((c, index): ContainerStatus => {
      const run = { index: -1 - index, startedAt: startMs, finishedAt: startMs };
      return {
        name: c.name,
        image: c.image,
        imageID: imageID(c.image),
        containerID: containerID(pod, c.name, run.index),
        ready: true,
        started: false,
        restartCount: 0,
        state: terminated(pod, { name: c.name, exitCode: 0 }, run),
        lastState: {},
      };
    });
    return { statuses, incomplete: [], failed: false, nextAt: undefined };
  }
  const plan: ContainerPlan = {
    name: first.name,
    image: first.image,
    runForMs: DEFAULTS.initRunMs,
    exitCode: failure.exitCode,
    restarts: failure.restarts,
    neverReady: true,
    readyAfterMs: 0,
    backoffMs: DEFAULTS.backoffMs,
    exitedMs: DEFAULTS.exitedMs,
    syncSeed: podSyncSeed(pod.uid),
  };
  const point = containerAt(plan, startMs, input.now);
  const waiting = { kind: 'waiting', reason: 'PodInitializing' } as const;
  const statuses = [
    { ...containerStatus(pod, plan, point.moment), started: false },
    ...rest.map((c) => containerStatus(pod, { ...plan, name: c.name, image: c.image }, waiting)),
  ];
  return {
    statuses,
    incomplete: input.initContainers.map((c) => c.name),
    failed: point.moment.kind === 'terminated',
    nextAt: point.nextAt,
  };
}

function podPhase(terminal: boolean, failed: boolean, pending: boolean): string {
  if (terminal) return failed ? 'Failed' : 'Succeeded';
  return pending ? 'Pending' : 'Running';
}

export function simulatePod(input: SimInput): SimOutput {
  const { pod, behaviour, startMs, now } = input;
  const init = initOutcome(input);
  const points = behaviour.containers.map((plan) => ({ plan, ...containerAt(plan, startMs, now) }));
  const ended = points.length > 0 && points.every((p) => p.moment.kind === 'terminated');
  const terminal = init.failed || ended;
  const failed = init.failed || (ended && points.some((p) => p.plan.exitCode !== 0));
  const initialized = init.incomplete.length === 0;
  const ready = !terminal && initialized && points.every((p) => p.moment.kind === 'running' && p.moment.ready);
  const unready = points.filter((p) => !(p.moment.kind === 'running' && p.moment.ready));
  // kubelet's getPhase: a container that never started keeps the pod Pending.
  const pending = !initialized || points.some((p) => p.moment.kind === 'waiting');

  const readyAt = ready
    ? Math.max(
        startMs,
        ...points.map((p) => (p.moment.kind === 'running' ? (p.moment.readySince ?? startMs) : startMs)),
      )
    : Math.max(startMs, ...unready.map((p) => notReadySince(p.moment, startMs)));
  // PodCompleted only for a Succeeded pod (kubelet status.GenerateContainersReadyCondition).
  const [reason, message] =
    terminal && !failed
      ? ['PodCompleted', undefined]
      : ['ContainersNotReady', `containers with unready status: [${unready.map((p) => p.plan.name).join(' ')}]`];

  const conditions: PodCondition[] = [
    initialized
      ? condition('Initialized', true, startMs)
      : condition(
          'Initialized',
          false,
          startMs,
          'ContainersNotInitialized',
          `containers with incomplete status: [${init.incomplete.join(' ')}]`,
        ),
    condition('Ready', ready, readyAt, reason, message),
    condition('ContainersReady', ready, readyAt, reason, message),
    input.scheduled ?? condition('PodScheduled', true, startMs),
  ];

  const status: PodStatus = {
    phase: podPhase(terminal, failed, pending),
    conditions,
    hostIP: input.hostIP,
    podIP: input.podIP,
    podIPs: [{ ip: input.podIP }],
    startTime: isoSeconds(startMs),
    containerStatuses: points.map((p) => containerStatus(pod, p.plan, p.moment)),
    ...(init.statuses.length ? { initContainerStatuses: init.statuses } : {}),
  };
  const next = [...points.map((p) => p.nextAt), init.nextAt].filter((t): t is number => t !== undefined);
  return { status, nextAt: next.length ? Math.min(...next) : undefined, terminal };
}

/** JSON with sorted keys, without null/undefined/empty-object values. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(
        ([, x]) =>
          x !== null &&
          x !== undefined &&
          !(typeof x === 'object' && !Array.isArray(x) && Object.keys(x as object).length === 0),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}

/** The parts of a pod status the agent owns; equal fingerprints mean no patch is needed. */
export function statusFingerprint(status: PodStatus | undefined): string {
  if (!status) return '';
  const byName = <T extends { name: string }>(list: T[] | undefined) =>
    [...(list ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const conditions = [...(status.conditions ?? [])]
    .map((c) => ({ ...c, lastProbeTime: undefined }))
    .sort((a, b) => a.type.localeCompare(b.type));
  return canonical({
    phase: status.phase,
    conditions,
    hostIP: status.hostIP,
    podIP: status.podIP,
    podIPs: status.podIPs,
    startTime: status.startTime,
    containerStatuses: byName(status.containerStatuses),
    initContainerStatuses: byName(status.initContainerStatuses),
  });
}
