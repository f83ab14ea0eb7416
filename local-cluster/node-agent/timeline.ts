// Where a simulated container is in its life at a given instant, as a pure function of its plan,
// the pod's start time and the clock. No per-pod state or timers: after a restart the agent
// recomputes the same answer from `status.startTime`, and it also says when the answer changes
// next, so one shared timer can wake the pod up then.
import { DEFAULTS, type ContainerPlan } from './behaviour';
import { unitHash } from './hash';

export interface Run {
  /** 0 for the first run, n after n restarts. */
  index: number;
  startedAt: number;
  finishedAt: number | undefined;
}

export type ContainerMoment =
  | { kind: 'running'; run: Run; ready: boolean; readySince: number | undefined; last: Run | undefined }
  /** Waiting out kubelet's back-off (CrashLoopBackOff) of `backoffMs` before the next run. */
  | { kind: 'backoff'; restartCount: number; last: Run; backoffMs: number }
  /** Just exited and about to back off: kubelet still reports the termination as the state. */
  | { kind: 'exited'; restartCount: number; last: Run; previous: Run | undefined }
  | { kind: 'terminated'; restartCount: number; last: Run }
  /** Never started: the image cannot be pulled, or an init container has not succeeded. */
  | { kind: 'waiting'; reason: WaitingReason };

export type WaitingReason = 'ErrImagePull' | 'ImagePullBackOff' | 'PodInitializing';

export interface TimelinePoint {
  moment: ContainerMoment;
  /** The next instant at which the moment changes; undefined when it never will. */
  nextAt: number | undefined;
}

function run(plan: ContainerPlan, start: number, index: number): Run {
  return { index, startedAt: start, finishedAt: plan.runForMs === undefined ? undefined : start + plan.runForMs };
}

function running(plan: ContainerPlan, current: Run, last: Run | undefined, now: number): TimelinePoint {
  const readyAt = plan.neverReady ? undefined : current.startedAt + plan.readyAfterMs;
  const readyEndsBeforeExit =
    readyAt !== undefined && (current.finishedAt === undefined || readyAt < current.finishedAt);
  const ready = readyEndsBeforeExit && now >= (readyAt ?? Infinity);
  const pending = [readyEndsBeforeExit && !ready ? readyAt : undefined, current.finishedAt].filter(
    (t): t is number => t !== undefined && t > now,
  );
  return {
    moment: { kind: 'running', run: current, ready, readySince: ready ? readyAt : undefined, last },
    nextAt: pending.length ? Math.min(...pending) : undefined,
  };
}

/**
 * kubelet's back-off (pkg/kubelet/kubelet.go, v1.20): it starts at `backOffPeriod` (10 s), doubles on
 * each retry, and stops at `MaxContainerBackOff`. It is forgotten (back to the start) once a
 * container has gone twice that long without a retry (client-go util/flowcontrol/backoff.go
 * hasExpired).
 */
export const MAX_BACKOFF_MS = 300_000;

/**
 * How long kubelet waits after run `index` exits before it starts the next one
 * (kuberuntime_manager.go doBackOff): the current back-off, which then doubles, up to the cap. A run
 * longer than twice the cap has outlived its back-off entry, which starts over. One deviation:
 * kubelet restarts the very first exit at once (that exit only seeds the entry); we back off then
 * too, so a first termination (OOMKilled, Init:Error) shows for a while in the demo and the tests.
 */
export function restartDelayMs(plan: Pick<ContainerPlan, 'runForMs' | 'backoffMs'>, index: number): number {
  if ((plan.runForMs ?? 0) > 2 * MAX_BACKOFF_MS) return plan.backoffMs;
  return Math.min(plan.backoffMs * 2 ** index, MAX_BACKOFF_MS);
}

/**
 * kubelet's pod worker (pkg/kubelet/pod_workers.go, v1.20, `wrapUp`): a sync that failed — a
 * container in CrashLoopBackOff or ImagePullBackOff makes SyncPod return an error — requeues the pod
 * after `wait.Jitter(backOffPeriod, workerBackOffPeriodJitterFactor)`, 10 s + [0, 5 s) uniform. The
 * container restarts (the image is pulled again) only at the first sync after its back-off has
 * expired, so later than the back-off by a per-pod, per-sync random amount: failing pods created
 * together drift apart instead of writing their statuses in step.
 * https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/kubelet/pod_workers.go
 */
export const SYNC_JITTER_MS = 5000;

/**
 * How much later than its back-off retry `k` happens: in [0, SYNC_JITTER_MS), drawn from the pod's
 * seed. While the back-off still doubles, each retry draws its own (kubelet's syncs are jittered
 * one by one). Once it has `settled` at its cap, one per-pod draw serves every later retry, so
 * cycles keep one length and a pod that has failed for days is still found by arithmetic; pods
 * then differ in period by up to 5 s and keep drifting apart, never realigning.
 *
 * The window is exact for the 10 s back-off: the worker syncs right after the exit (PLEG's
 * ContainerDied) and next after 10–15 s, when the back-off has expired. Behind a longer one kubelet
 * has synced a few times, and the restart can come up to a whole 15 s interval late; we keep the
 * 5 s window: it spreads the pods enough, and the 'backoff' moment's `backoffMs` stays kubelet's
 * figure (the CrashLoopBackOff message names the back-off, not the wait).
 */
function syncJitterMs(plan: Pick<ContainerPlan, 'syncSeed'>, k: number, settled: boolean): number {
  if (plan.syncSeed === undefined) return 0;
  return Math.floor(unitHash(plan.syncSeed, settled ? -1 : k) * SYNC_JITTER_MS);
}

/**
 * Cycles of growing length (cycle k lasts `length(k)`, constant once `settled(k)`): the cycle that
 * holds `elapsed`, and its start. A loop over the few cycles before the length settles, arithmetic
 * after it, so a pod that has crash-looped for days costs no more than a new one.
 */
function cycleAt(
  elapsed: number,
  length: (k: number) => number,
  settled: (k: number) => boolean,
): { index: number; start: number } {
  let start = 0;
  for (let k = 0; ; k++) {
    const len = Math.max(1, length(k));
    if (settled(k)) {
      const more = Math.floor(Math.max(0, elapsed - start) / len);
      return { index: k + more, start: start + more * len };
    }
    if (elapsed < start + len) return { index: k, start };
    start += len;
  }
}

/** The start of cycle `index` (0 for the first), from the same lengths. */
function cycleStart(index: number, length: (k: number) => number, settled: (k: number) => boolean): number {
  let start = 0;
  for (let k = 0; k < index; k++) {
    const len = Math.max(1, length(k));
    if (settled(k)) return start + (index - k) * len;
    start += len;
  }
  return start;
}

/** A restart cycle: a run, its back-off, and the wait for the pod worker's next sync. */
function restartCycle(plan: ContainerPlan) {
  const settled = (k: number) => restartDelayMs(plan, k) === restartDelayMs(plan, k + 1);
  const waitMs = (k: number) => restartDelayMs(plan, k) + syncJitterMs(plan, k, settled(k));
  return { length: (k: number) => (plan.runForMs ?? 0) + waitMs(k), settled, waitMs };
}

/** Run `index` of a restarting container (its `index` restarts before it). */
export function runOf(plan: ContainerPlan, podStart: number, index: number): Run {
  const { length, settled } = restartCycle(plan);
  return run(plan, podStart + cycleStart(index, length, settled), index);
}

/** The image puller's back-off before attempt k + 1: 10 s after the first failure, doubling to 5 min. */
function pullBackoffMs(plan: ContainerPlan, k: number): number {
  return Math.min(plan.backoffMs * 2 ** k, MAX_BACKOFF_MS);
}

/**
 * kubelet's image puller (images/image_manager.go EnsureImageExists): a failed attempt
 * (ErrImagePull), then a back-off (ImagePullBackOff) that doubles after each failure, and the
 * next attempt at the pod worker's first sync after it (`syncJitterMs`), again.
 */
function pulling(plan: ContainerPlan, podStart: number, elapsed: number): TimelinePoint {
  const settled = (k: number) => pullBackoffMs(plan, k) === pullBackoffMs(plan, k + 1);
  const length = (k: number) => DEFAULTS.pullAttemptMs + pullBackoffMs(plan, k) + syncJitterMs(plan, k, settled(k));
  const cycle = cycleAt(elapsed, length, settled);
  const start = podStart + cycle.start;
  const attempt = podStart + elapsed - start < DEFAULTS.pullAttemptMs;
  return {
    moment: { kind: 'waiting', reason: attempt ? 'ErrImagePull' : 'ImagePullBackOff' },
    nextAt: attempt ? start + DEFAULTS.pullAttemptMs : start + length(cycle.index),
  };
}

export function containerAt(plan: ContainerPlan, podStart: number, now: number): TimelinePoint {
  const elapsed = Math.max(0, now - podStart);
  if (plan.neverStarts === 'PodInitializing')
    return { moment: { kind: 'waiting', reason: 'PodInitializing' }, nextAt: undefined };
  if (plan.neverStarts === 'ImagePull') return pulling(plan, podStart, elapsed);
  if (plan.runForMs === undefined) return running(plan, run(plan, podStart, 0), undefined, now);

  if (!plan.restarts) {
    const only = run(plan, podStart, 0);
    if (elapsed < plan.runForMs) return running(plan, only, undefined, now);
    return { moment: { kind: 'terminated', restartCount: 0, last: only }, nextAt: undefined };
  }

  // Restart cycle: run for runForMs, back off per kubelet (the first exitedMs of it still showing
  // the termination) until the pod worker's next sync, start again with restartCount + 1.
  const { length, settled, waitMs } = restartCycle(plan);
  const cycle = cycleAt(elapsed, length, settled);
  const index = cycle.index;
  const current = run(plan, podStart + cycle.start, index);
  const previous = index > 0 ? runOf(plan, podStart, index - 1) : undefined;
  const inPeriod = elapsed - cycle.start;
  if (inPeriod < plan.runForMs) return running(plan, current, previous, now);
  const delay = restartDelayMs(plan, index);
  const exitedUntil = plan.runForMs + Math.min(plan.exitedMs ?? 0, delay);
  if (inPeriod < exitedUntil) {
    return {
      moment: { kind: 'exited', restartCount: index, last: current, previous },
      nextAt: podStart + cycle.start + exitedUntil,
    };
  }
  return {
    moment: { kind: 'backoff', restartCount: index, last: current, backoffMs: delay },
    nextAt: podStart + cycle.start + plan.runForMs + waitMs(index),
  };
}
