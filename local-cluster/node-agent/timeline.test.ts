import { describe, expect, it } from 'vitest';

import type { ContainerPlan } from './behaviour';
import { containerAt } from './timeline';

const plan = (over: Partial<ContainerPlan> = {}): ContainerPlan => ({
  name: 'app',
  image: 'nginx:1.25',
  runForMs: undefined,
  exitCode: 0,
  restarts: true,
  neverReady: false,
  readyAfterMs: 2000,
  backoffMs: 10_000,
  ...over,
});

const T0 = 1_700_000_000_000;

describe('a long-running container', () => {
  it('runs, becomes ready after the delay, and then never changes', () => {
    const early = containerAt(plan(), T0, T0 + 500);
    expect(early.moment).toMatchObject({ kind: 'running', ready: false });
    expect(early.nextAt).toBe(T0 + 2000);

    const later = containerAt(plan(), T0, T0 + 2000);
    expect(later.moment).toMatchObject({ kind: 'running', ready: true, readySince: T0 + 2000 });
    expect(later.nextAt).toBeUndefined();
  });

  it('is ready at once with a zero delay', () => {
    expect(containerAt(plan({ readyAfterMs: 0 }), T0, T0).moment).toMatchObject({ ready: true });
  });
});

describe('a crash-looping container', () => {
  const crash = plan({ runForMs: 2000, exitCode: 1, neverReady: true });

  it('runs, backs off, restarts with a climbing restart count and is never ready', () => {
    const first = containerAt(crash, T0, T0 + 1000);
    expect(first.moment).toMatchObject({ kind: 'running', ready: false, run: { index: 0 } });
    expect(first.nextAt).toBe(T0 + 2000);

    const backoff = containerAt(crash, T0, T0 + 5000);
    expect(backoff.moment).toMatchObject({
      kind: 'backoff',
      restartCount: 0,
      last: { startedAt: T0, finishedAt: T0 + 2000 },
    });
    expect(backoff.nextAt).toBe(T0 + 12_000);

    const third = containerAt(crash, T0, T0 + 25_000);
    expect(third.moment).toMatchObject({
      kind: 'running',
      run: { index: 2, startedAt: T0 + 24_000 },
      last: { index: 1 },
    });
    expect(containerAt(crash, T0, T0 + 60 * 60_000).moment).toMatchObject({ ready: false });
  });

  it('climbs about once per 12 s', () => {
    const moment = containerAt(crash, T0, T0 + 120_000).moment;
    const count = moment.kind === 'running' ? moment.run.index : moment.kind === 'waiting' ? -1 : moment.restartCount;
    expect(count).toBe(10);
  });
});

describe('a container that exits', () => {
  it('stays terminated without restarts', () => {
    const job = plan({ runForMs: 5000, restarts: false });
    expect(containerAt(job, T0, T0 + 3000)).toMatchObject({
      moment: { kind: 'running', ready: true },
      nextAt: T0 + 5000,
    });
    const done = containerAt(job, T0, T0 + 5000);
    expect(done.moment).toMatchObject({ kind: 'terminated', restartCount: 0, last: { finishedAt: T0 + 5000 } });
    expect(done.nextAt).toBeUndefined();
  });

  it('is never ready when it exits before the readiness delay', () => {
    const quick = plan({ runForMs: 1000, restarts: false });
    const point = containerAt(quick, T0, T0 + 500);
    expect(point.moment).toMatchObject({ ready: false });
    expect(point.nextAt).toBe(T0 + 1000);
  });
});
