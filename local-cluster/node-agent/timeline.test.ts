import { describe, expect, it } from 'vitest';

import type { ContainerPlan } from './behaviour';
import { MAX_BACKOFF_MS, containerAt, restartDelayMs, runOf } from './timeline';

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
  const restarts = (at: number): number => {
    const m = containerAt(crash, T0, at).moment;
    return m.kind === 'running' ? m.run.index : m.kind === 'waiting' ? -1 : m.restartCount;
  };

  it('runs, backs off 10 s, 20 s, … as kubelet does, restarts with a climbing count, never ready', () => {
    const first = containerAt(crash, T0, T0 + 1000);
    expect(first.moment).toMatchObject({ kind: 'running', ready: false, run: { index: 0 } });
    expect(first.nextAt).toBe(T0 + 2000);

    const backoff = containerAt(crash, T0, T0 + 5000);
    expect(backoff.moment).toMatchObject({
      kind: 'backoff',
      restartCount: 0,
      backoffMs: 10_000,
      last: { startedAt: T0, finishedAt: T0 + 2000 },
    });
    expect(backoff.nextAt).toBe(T0 + 12_000);

    const second = containerAt(crash, T0, T0 + 13_000);
    expect(second.moment).toMatchObject({
      kind: 'running',
      run: { index: 1, startedAt: T0 + 12_000 },
      last: { index: 0 },
    });
    const longer = containerAt(crash, T0, T0 + 20_000);
    expect(longer.moment).toMatchObject({ kind: 'backoff', restartCount: 1, backoffMs: 20_000 });
    expect(longer.nextAt).toBe(T0 + 34_000);
    expect(containerAt(crash, T0, T0 + 35_000).moment).toMatchObject({ kind: 'running', run: { index: 2 } });
    expect(containerAt(crash, T0, T0 + 60 * 60_000).moment).not.toMatchObject({ ready: true });
  });

  it('stops doubling at 5 min: 15 restarts in its first hour, not one every 12 s', () => {
    // Runs start at 0, 12, 34, 76, 158, 320 s, then every 302 s (300 s back-off + 2 s run).
    expect(containerAt(crash, T0, T0 + 400_000).moment).toMatchObject({ kind: 'backoff', backoffMs: MAX_BACKOFF_MS });
    expect(restarts(T0 + 60 * 60_000)).toBe(5 + Math.floor((3600 - 320) / 302));
    expect(restarts(T0 + 30 * 86_400_000)).toBe(5 + Math.floor((30 * 86_400 - 320) / 302));
  });

  it('agrees with runOf on where every run starts', () => {
    for (let k = 1; k < 12; k++) {
      const r = runOf(crash, T0, k);
      expect(containerAt(crash, T0, r.startedAt).moment).toMatchObject({ kind: 'running', run: r });
      expect(containerAt(crash, T0, r.startedAt - 1).moment).not.toMatchObject({ run: { index: k } });
    }
  });

  it('starts the back-off over when every run outlives its entry (twice the cap)', () => {
    const long = plan({ runForMs: 11 * 60_000, exitCode: 1 });
    expect(restartDelayMs(long, 3)).toBe(10_000);
    expect(containerAt(long, T0, T0 + 2 * (11 * 60_000 + 10_000) + 1).moment).toMatchObject({
      kind: 'running',
      run: { index: 2 },
    });
  });
});

describe('a container whose image cannot be pulled', () => {
  const pull = plan({ neverStarts: 'ImagePull' });

  it('shows ErrImagePull for each attempt, then ImagePullBackOff for a back-off that doubles to 5 min', () => {
    expect(containerAt(pull, T0, T0 + 1000)).toEqual({
      moment: { kind: 'waiting', reason: 'ErrImagePull' },
      nextAt: T0 + 2000,
    });
    expect(containerAt(pull, T0, T0 + 3000)).toEqual({
      moment: { kind: 'waiting', reason: 'ImagePullBackOff' },
      nextAt: T0 + 12_000,
    });
    // Attempts at 0, 12, 34, 76, 158, 320 s (2 s each + 10, 20, 40, 80, 160 s), then every 302 s.
    expect(containerAt(pull, T0, T0 + 35_000).nextAt).toBe(T0 + 36_000);
    expect(containerAt(pull, T0, T0 + 37_000).nextAt).toBe(T0 + 76_000);
    expect(containerAt(pull, T0, T0 + 321_000).moment).toEqual({ kind: 'waiting', reason: 'ErrImagePull' });
    expect(containerAt(pull, T0, T0 + 323_000).nextAt).toBe(T0 + 622_000);
    // No back-off at all: a constant 2 s cycle, computed, not walked, after 30 days.
    const eager = plan({ neverStarts: 'ImagePull', backoffMs: 0 });
    expect(containerAt(eager, T0, T0 + 30 * 86_400_000 + 1000).nextAt).toBe(T0 + 30 * 86_400_000 + 2000);
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
