// Where a simulated container is in its life at a given instant, as a pure function of its plan,
// the pod's start time and the clock. No per-pod state or timers: after a restart the agent
// recomputes the same answer from `status.startTime`, and it also says when the answer changes
// next, so one shared timer can wake the pod up then.
import type { ContainerPlan } from './behaviour';

export interface Run {
  /** 0 for the first run, n after n restarts. */
  index: number;
  startedAt: number;
  finishedAt: number | undefined;
}

export type ContainerMoment =
  | { kind: 'running'; run: Run; ready: boolean; readySince: number | undefined; last: Run | undefined }
  | { kind: 'backoff'; restartCount: number; last: Run }
  | { kind: 'terminated'; restartCount: number; last: Run };

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

export function containerAt(plan: ContainerPlan, podStart: number, now: number): TimelinePoint {
  const elapsed = Math.max(0, now - podStart);
  if (plan.runForMs === undefined) return running(plan, run(plan, podStart, 0), undefined, now);

  if (!plan.restarts) {
    const only = run(plan, podStart, 0);
    if (elapsed < plan.runForMs) return running(plan, only, undefined, now);
    return { moment: { kind: 'terminated', restartCount: 0, last: only }, nextAt: undefined };
  }

  // Restart cycle: run for runForMs, back off for backoffMs, start again with restartCount + 1.
  const period = Math.max(1, plan.runForMs + plan.backoffMs);
  const index = Math.floor(elapsed / period);
  const current = run(plan, podStart + index * period, index);
  const previous = index > 0 ? run(plan, podStart + (index - 1) * period, index - 1) : undefined;
  if (elapsed - index * period < plan.runForMs) return running(plan, current, previous, now);
  return {
    moment: { kind: 'backoff', restartCount: index, last: current },
    nextAt: podStart + (index + 1) * period,
  };
}
