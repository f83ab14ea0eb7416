import { describe, expect, it } from 'vitest';

import {
  clockOffset,
  latencyOf,
  matchVisible,
  VISIBLE_TIMEOUT_MS,
  visibleRows,
  visibleRunSchema,
  visibleTargets,
  type SeenRow,
  type VisibleRun,
} from './visible-result';

const row = (domAt: number, paintedAt: number, index = 0, inViewport = true): SeenRow => ({
  domAt,
  paintedAt,
  index,
  inViewport,
});

const lat = (p95: number | null) => ({ count: p95 === null ? 0 : 30, p50: p95 && p95 / 2, p95, max: p95 });

const run = (over: Partial<VisibleRun> = {}): VisibleRun => ({
  path: '/c/local/pods?sort=age&order=desc',
  view: 'Pods, all namespaces, newest first, as alice (operator)',
  namespace: 'bench-00',
  created: 30,
  createErrors: 0,
  visible: 30,
  misses: 0,
  latency: lat(60),
  domLatency: lat(50),
  streamLatency: lat(30),
  renderLatency: lat(25),
  createLatency: lat(10),
  paintedAtTop: 30,
  rowCount: { before: 10_000, after: 10_030, expected: 10_030 },
  background: { targetRate: 100, achievedRate: 99.6, patches: 1_200, errors: 0, seconds: 12 },
  longTasks: { count: 0, totalMs: 0, maxMs: 0 },
  frames: { frames: 700, fps: 59.9, maxGapMs: 17 },
  clock: { offsetMs: 0.2, uncertaintyMs: 0.5 },
  measuredAt: '2026-11-24T16:00:00.000Z',
  ...over,
});

describe('matching created pods to painted rows', () => {
  it('measures POST sent → painted and → in the DOM, and splits at the change event', () => {
    const m = matchVisible(
      [
        { key: 'a', sentAt: 1_000 },
        { key: 'b', sentAt: 2_000 },
      ],
      { a: row(1_030, 1_040), b: row(2_070, 2_090, 3) },
      { a: 1_020, b: 2_050 },
    );
    expect(m.visible).toBe(2);
    expect(m.misses).toBe(0);
    expect(m.latency).toEqual({ count: 2, p50: 40, p95: 90, max: 90 });
    expect(m.domLatency.max).toBe(70);
    expect(m.streamLatency).toEqual({ count: 2, p50: 20, p95: 50, max: 50 });
    expect(m.renderLatency).toEqual({ count: 2, p50: 20, p95: 40, max: 40 });
    // b was painted as the fourth row (another new pod above it): not at the top.
    expect(m.paintedAtTop).toBe(1);
  });

  it('counts a row never painted, painted too late, or off screen as not a success', () => {
    const m = matchVisible(
      [
        { key: 'never', sentAt: 0 },
        { key: 'late', sentAt: 0 },
        { key: 'unpainted', sentAt: 0 },
        { key: 'offscreen', sentAt: 0 },
      ],
      {
        late: row(10, VISIBLE_TIMEOUT_MS + 1),
        unpainted: row(10, Infinity),
        offscreen: row(10, 20, 0, false),
      },
    );
    expect(m.misses).toBe(3);
    expect(m.visible).toBe(1);
    expect(m.paintedAtTop).toBe(0);
    expect(m.streamLatency.count).toBe(0);
  });

  it('clamps a row seen a hair before the POST (two clocks) to 0 ms', () => {
    expect(matchVisible([{ key: 'a', sentAt: 100 }], { a: row(99.5, 99.8) }).latency.max).toBe(0);
  });

  it('has no percentiles without samples (null, not NaN, in the JSON)', () => {
    expect(latencyOf([])).toEqual({ count: 0, p50: null, p95: null, max: null });
    expect(latencyOf([5, 1, 3]).p50).toBe(3);
  });
});

describe('the clock check', () => {
  it('takes the shortest round trip and the page time against its midpoint', () => {
    const c = clockOffset([
      { before: 0, page: 9, after: 10 },
      { before: 20, page: 21.5, after: 21 },
    ]);
    expect(c).toEqual({ offsetMs: 1, uncertaintyMs: 0.5 });
    expect(clockOffset([]).uncertaintyMs).toBe(Infinity);
  });
});

describe('create → visible figures of a bench run', () => {
  it('meets the target only with p95 ≤ 100 ms, nothing missed, and the changes flowing', () => {
    expect(visibleTargets(run())[0]).toMatchObject({ id: 'create-visible-p95', met: true });
    expect(visibleTargets(run({ latency: lat(101) }))[0]?.met).toBe(false);
    expect(visibleTargets(run({ misses: 1 }))[0]?.met).toBe(false);
    expect(visibleTargets(run({ latency: lat(null), visible: 0 }))[0]?.met).toBe(false);
    const slow = run({ background: { targetRate: 100, achievedRate: 60, patches: 700, errors: 0, seconds: 12 } });
    expect(visibleTargets(slow)[0]?.met).toBe(false);
  });

  it('says nothing for runs recorded before the measurement existed', () => {
    expect(visibleTargets(undefined)).toEqual([]);
    expect(visibleRows(undefined)).toEqual([]);
  });

  it('reports the split, the rate and the row count next to the latency', () => {
    const rows = visibleRows(run({ rowCount: { before: 10_000, after: 11_200, expected: 10_030 } }));
    expect(rows[0]?.[1]).toContain('p95 60 ms');
    expect(rows[0]?.[1]).toContain('change event at the page p50 15 ms, p95 30 ms');
    expect(rows[1]?.[1]).toContain('99.6 changes/s');
    expect(rows[1]?.[1]).toContain('10,000 → 11,200 (expected 10,030)');
  });

  it('parses its own record', () => {
    expect(visibleRunSchema.parse(run())).toEqual(run());
  });
});
