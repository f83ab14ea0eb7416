// The STATUS, READY and RESTARTS columns of `kubectl get pods`, ported from kubectl's printPod as of
// Kubernetes v1.31 (unchanged through v1.35 in what it prints here):
// https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/printers/internalversion/printers.go (printPod)
// Current behaviour the 1.20 printer lacked: native sidecars (restartable init containers) count as
// containers, init restarts stop counting once the pod is initialized, scheduling gates, terminal pods
// keep Completed/Error while being deleted, and RESTARTS carries "(3m ago)".

import { humanDuration } from '@/lib/format/age';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

export interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
  image?: string;
}

export interface PodLike {
  metadata: { deletionTimestamp?: string };
  spec?: {
    containers?: { name: string }[];
    initContainers?: { name: string; restartPolicy?: string }[];
    nodeName?: string;
  };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: { type: string; status: string; reason?: string }[];
    containerStatuses?: ContainerStatusLike[];
    initContainerStatuses?: ContainerStatusLike[];
  };
}

export interface PodStatusColumns {
  /** e.g. "Running", "CrashLoopBackOff", "Completed", "Init:0/1", "Terminating" */
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  /** Latest `lastState.terminated.finishedAt` among the containers counted in `restarts`. */
  lastRestartAt?: string;
  ready: boolean;
}

/** k8s.io/api core/v1 PodReasonSchedulingGated. */
const SCHEDULING_GATED = 'SchedulingGated';
/** pkg/util/node NodeUnreachablePodReason. */
const NODE_LOST = 'NodeLost';

function terminatedReason(t: NonNullable<ContainerState['terminated']>): string {
  if (t.reason) return t.reason;
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
}

/** Tracks the restart count and the newest restart time over a set of containers. */
class Restarts {
  count = 0;
  last: string | undefined;
  add(c: ContainerStatusLike): void {
    this.count += c.restartCount ?? 0;
    const at = c.lastState?.terminated?.finishedAt;
    if (at && (!this.last || Date.parse(at) > Date.parse(this.last))) this.last = at;
  }
}

const conditionTrue = (pod: PodLike, type: string) =>
  pod.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

export function podStatus(pod: PodLike): PodStatusColumns {
  const statuses = pod.status?.containerStatuses ?? [];
  const initSpecs = pod.spec?.initContainers ?? [];
  const sidecar = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const totalContainers = (pod.spec?.containers?.length ?? statuses.length) + sidecar.size;
  let readyContainers = 0;
  let reason = pod.status?.reason || pod.status?.phase || 'Unknown';
  if (pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === SCHEDULING_GATED)) {
    reason = SCHEDULING_GATED;
  }

  let restarts = new Restarts();
  const sidecarRestarts = new Restarts();
  let initializing = false;
  const inits = pod.status?.initContainerStatuses ?? [];
  for (const [i, c] of inits.entries()) {
    restarts.add(c);
    if (sidecar.has(c.name)) sidecarRestarts.add(c);
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    // A started sidecar lets the next init container run; it counts towards READY like a container.
    if (sidecar.has(c.name) && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    const w = c.state?.waiting?.reason;
    if (t) reason = `Init:${terminatedReason(t)}`;
    else if (w && w !== 'PodInitializing') reason = `Init:${w}`;
    else reason = `Init:${i}/${initSpecs.length || inits.length}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    // Once initialized, only restartable (sidecar) init containers' restarts still count.
    restarts = sidecarRestarts;
    let hasRunning = false;
    for (const c of [...statuses].reverse()) {
      restarts.add(c);
      const w = c.state?.waiting?.reason;
      const t = c.state?.terminated;
      if (w) reason = w;
      else if (t) reason = terminatedReason(t);
      else if (c.ready && c.state?.running) {
        // kubectl counts only ready running containers here: a running but not-ready container next
        // to a Completed one leaves the word at Completed.
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp && pod.status?.reason === NODE_LOST) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return {
    status: reason,
    readyContainers,
    totalContainers,
    restarts: restarts.count,
    lastRestartAt: restarts.count > 0 ? restarts.last : undefined,
    ready: conditionTrue(pod, 'Ready'),
  };
}

/** kubectl's RESTARTS cell: "3 (5m ago)" once a container restarted, else the bare count. */
export function restartsText(restarts: number, lastRestartAt: string | undefined, now: string | Date): string {
  if (!restarts || !lastRestartAt) return String(restarts);
  const since = new Date(now).getTime() - Date.parse(lastRestartAt);
  return Number.isNaN(since) ? String(restarts) : `${restarts} (${humanDuration(since)} ago)`;
}

export type PodHealth = 'good' | 'progressing' | 'bad';

// Waiting/terminated reasons the kubelet writes for a container that will not get better by itself
// (pkg/kubelet/images/types.go, pkg/kubelet/kuberuntime, pkg/kubelet/container/sync_result.go).
const BAD_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'RegistryUnavailable',
  'OOMKilled',
  'Error',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'StartError',
  'ContainerCannotRun',
  'PreStartHookError',
  'PostStartHookError',
  'Evicted',
  'Failed',
  'Unknown',
]);

/**
 * Whether a pod STATUS word needs a person: "bad" for failure reasons (also as "Init:<reason>", and
 * kubectl's "ExitCode:N"/"Signal:N" for non-zero exits), "progressing" while starting, else "good".
 */
export function podHealth(status: string | undefined): PodHealth {
  if (!status) return 'progressing';
  const word = status.startsWith('Init:') ? status.slice('Init:'.length) : status;
  if (BAD_REASONS.has(word) || /^(ExitCode:[1-9]\d*|Signal:\d+)$/.test(word)) return 'bad';
  if (
    status.startsWith('Init:') ||
    ['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', SCHEDULING_GATED, 'NotReady'].includes(status)
  ) {
    return 'progressing';
  }
  return 'good';
}

/**
 * Whether a pod belongs on the Overview's "needs attention": a bad status that is still live. A pod
 * that simply ended badly (Error, ExitCode:N, Signal:N, Evicted, Failed — e.g. a failed Job's pod) is
 * red in tables but not raised: its owner (the Job's Failed status) says it, and a crash-looping
 * container shows CrashLoopBackOff between its exits. Init-container failures are always raised.
 */
export function podNeedsAttention(status: string | undefined): boolean {
  if (podHealth(status) !== 'bad' || !status) return false;
  if (status.startsWith('Init:')) return true;
  return !ENDED.has(status) && !/^(ExitCode|Signal):/.test(status);
}

const ENDED = new Set(['Error', 'Evicted', 'Failed', 'Unknown']);
