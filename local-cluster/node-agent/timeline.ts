// Where a simulated container is in its life at a given instant, as a pure function of its plan,
// the pod's start time and the clock. No per-pod state or timers: after a restart the agent
// recomputes the same answer from `status.startTime`, and it also says when the answer changes
// next, so one shared timer can wake the pod up then.
import { DEFAULTS, type ContainerPlan } from './behaviour';

export interface Run {
  /** 0 for the first run, n after n restarts. */
  index: number;
  startedAt: number;
  finishedAt: number | undefined;
}

export type ContainerMoment =
  | { kind: 'running'; run: Run; ready: boolean; readySince: number | undefined; last: Run | undefined }
  | { kind: 'backoff'; restartCount: number; last: Run }
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

/** kubelet's image puller: a failed attempt (ErrImagePull), then a back-off (ImagePullBackOff), again. */
function pulling(plan: ContainerPlan, podStart: number, elapsed: number): TimelinePoint {
  const period = DEFAULTS.pullAttemptMs + plan.backoffMs;
  const cycleStart = podStart + Math.floor(elapsed / period) * period;
  const attempt = podStart + elapsed - cycleStart < DEFAULTS.pullAttemptMs;
  return {
    moment: { kind: 'waiting', reason: attempt ? 'ErrImagePull' : 'ImagePullBackOff' },
    nextAt: attempt ? cycleStart + DEFAULTS.pullAttemptMs : cycleStart + period,
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

  // Restart cycle: run for runForMs, back off for backoffMs (its first exitedMs still showing the
  // termination), start again with restartCount + 1.
  const period = Math.max(1, plan.runForMs + plan.backoffMs);
  const index = Math.floor(elapsed / period);
  const current = run(plan, podStart + index * period, index);
  const previous = index > 0 ? run(plan, podStart + (index - 1) * period, index - 1) : undefined;
  const inPeriod = elapsed - index * period;
  if (inPeriod < plan.runForMs) return running(plan, current, previous, now);
  const exitedUntil = plan.runForMs + Math.min(plan.exitedMs ?? 0, plan.backoffMs);
  if (inPeriod < exitedUntil) {
    return {
      moment: { kind: 'exited', restartCount: index, last: current, previous },
      nextAt: podStart + index * period + exitedUntil,
    };
  }
  return {
    moment: { kind: 'backoff', restartCount: index, last: current },
    nextAt: podStart + (index + 1) * period,
  };
}
