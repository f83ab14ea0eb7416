import { describe, expect, it } from 'vitest';

import { podSyncSeed, type ContainerPlan } from './behaviour';
import { MAX_BACKOFF_MS, SYNC_JITTER_MS, containerAt, restartDelayMs, runOf } from './timeline';

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

describe("the pod worker's sync jitter (pod_workers.go wrapUp)", () => {
  const crash = plan({ runForMs: 2000, exitCode: 1, neverReady: true });
  const seeded = (uid: string, base: ContainerPlan = crash): ContainerPlan => ({ ...base, syncSeed: podSyncSeed(uid) });
  const uids = Array.from({ length: 1000 }, (_, i) => `0b7c5f2e-${String(i).padStart(4, '0')}-4d7a-9e55-bench`);
  /** How much later than its back-off run k started (k restarts). */
  const lateness = (p: ContainerPlan, k: number) =>
    runOf(p, T0, k).startedAt - (runOf(p, T0, k - 1).finishedAt ?? 0) - restartDelayMs(p, k - 1);

  it('restarts two pods of one plan and start at different instants', () => {
    const [a, b] = [seeded('uid-a'), seeded('uid-b')];
    expect(runOf(a, T0, 1).startedAt).not.toBe(runOf(b, T0, 1).startedAt);
    const at = T0 + 30 * 86_400_000;
    expect(containerAt(a, T0, at)).not.toEqual(containerAt(b, T0, at));
  });

  it('restarts each run within the sync window after its back-off: [back-off, back-off + 5 s)', () => {
    for (const uid of uids.slice(0, 50)) {
      const p = seeded(uid);
      for (let k = 1; k < 20; k++) {
        expect(lateness(p, k)).toBeGreaterThanOrEqual(0);
        expect(lateness(p, k)).toBeLessThan(SYNC_JITTER_MS);
      }
    }
  });

  it('draws each restart anew while the back-off doubles, then one lateness per pod at the cap', () => {
    const p = seeded('uid-a');
    const early = [1, 2, 3, 4, 5].map((k) => lateness(p, k));
    expect(new Set(early).size).toBe(early.length);
    // Run 6 follows the first 5 min back-off; from there the cycle keeps one length.
    const settled = lateness(p, 6);
    for (const k of [7, 50, 5000]) expect(lateness(p, k)).toBe(settled);
  });

  it('is deterministic: the same uid gives the same timeline, also after 30 days', () => {
    for (const ms of [5000, 13_000, 400_000, 30 * 86_400_000]) {
      expect(containerAt(seeded('uid-a'), T0, T0 + ms)).toEqual(containerAt(seeded('uid-a'), T0, T0 + ms));
    }
  });

  it('keeps the back-off kubelet reports, and wakes the pod up when the restart comes', () => {
    const p = seeded('uid-a');
    const restart = runOf(p, T0, 1).startedAt;
    const waiting = containerAt(p, T0, restart - 1);
    expect(waiting.moment).toMatchObject({ kind: 'backoff', restartCount: 0, backoffMs: 10_000 });
    expect(waiting.nextAt).toBe(restart);
    expect(containerAt(p, T0, restart).moment).toMatchObject({ kind: 'running', run: { index: 1 } });
    expect(containerAt(p, T0, runOf(p, T0, 2).startedAt - 1).moment).toMatchObject({ backoffMs: 20_000 });
  });

  it('agrees with runOf after days of crash-looping (the settled cycle is arithmetic)', () => {
    const p = seeded('uid-a');
    const r = runOf(p, T0, 8000);
    expect(r.startedAt - T0).toBeGreaterThan(27 * 86_400_000);
    expect(containerAt(p, T0, r.startedAt).moment).toMatchObject({ kind: 'running', run: r });
    expect(containerAt(p, T0, r.startedAt - 1).moment).toMatchObject({ kind: 'backoff', restartCount: 7999 });
  });

  it('spreads 1,000 pods created together over the 5 s window instead of one instant', () => {
    /** How many of the pods restart run k in each second of the 5 s window. */
    const perSecondOfWindow = (k: number) => {
      const counts = [0, 0, 0, 0, 0];
      for (const uid of uids) {
        const s = Math.floor(lateness(seeded(uid), k) / 1000);
        counts[s] = (counts[s] ?? 0) + 1;
      }
      return counts;
    };
    // Uniform would put 200 in each second; without the jitter all 1,000 shared one instant.
    for (const k of [1, 3, 6]) for (const n of perSecondOfWindow(k)) expect(n).toBeGreaterThan(150);
    // A day later the restarts have drifted apart: no 1 s window of the clock holds more than a few.
    const at = T0 + 86_400_000;
    const next = uids.map((uid) => containerAt(seeded(uid), T0, at).nextAt ?? 0);
    const perSecond = new Map<number, number>();
    for (const t of next) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThan(15);
  });

  it('jitters image pull attempts too (ImagePullBackOff is a failed sync as well)', () => {
    const pull = (uid: string) => seeded(uid, plan({ neverStarts: 'ImagePull' }));
    const retries = uids.slice(0, 100).map((uid) => containerAt(pull(uid), T0, T0 + 3000).nextAt ?? 0);
    for (const t of retries) {
      expect(t).toBeGreaterThanOrEqual(T0 + 12_000);
      expect(t).toBeLessThan(T0 + 12_000 + SYNC_JITTER_MS);
    }
    expect(new Set(retries).size).toBeGreaterThan(90);
    const first = pull(uids[0] ?? '');
    expect(containerAt(first, T0, (retries[0] ?? 0) - 1).moment).toEqual({
      kind: 'waiting',
      reason: 'ImagePullBackOff',
    });
    expect(containerAt(first, T0, retries[0] ?? 0).moment).toEqual({ kind: 'waiting', reason: 'ErrImagePull' });
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
