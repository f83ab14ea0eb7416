import { z } from 'zod';

import { percentile, round } from './stats';

// "Create → visible in the browser" (bench/measure-visible.ts): the record's shape, the issue's
// target on it (issue 14, target 3: p95 ≤ 100 ms while 100 changes/s flow) and the rows
// docs/benchmarks.md shows. The pure parts of the measurement (matching each created pod to the
// moment its row was painted) live here too, so they are unit-tested.

/** The target: p95 of POST sent → row painted. */
export const VISIBLE_P95_TARGET_MS = 100;
/** The background change rate the target holds under. */
export const VISIBLE_CHANGE_RATE = 100;
/** A row not painted this long after its POST was sent is a miss. */
export const VISIBLE_TIMEOUT_MS = 10_000;

const latency = z.object({
  count: z.number(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  max: z.number().nullable(),
});

export type VisibleLatency = z.infer<typeof latency>;

const longTasks = z.object({ count: z.number(), totalMs: z.number(), maxMs: z.number() });

export const visibleRunSchema = z.object({
  /** The page measured, e.g. `/c/local/pods?sort=age&order=desc`. */
  path: z.string(),
  /** In words: whose view and which sort. */
  view: z.string(),
  /** Namespace the new pods were created in. */
  namespace: z.string(),
  /** Pods created (POST answered 201) and POSTs that failed. */
  created: z.number(),
  createErrors: z.number(),
  /** Created pods whose row was painted within VISIBLE_TIMEOUT_MS, and those never painted. */
  visible: z.number(),
  misses: z.number(),
  /** POST sent → row painted (the first frame after the row entered the DOM), ms. */
  latency,
  /** POST sent → row in the DOM (MutationObserver), ms. */
  domLatency: latency,
  /** POST sent → the pod's live `change` event at the page (the server's part, and the POST), ms. */
  streamLatency: latency,
  /** The pod's change event at the page → its row painted (the browser's part), ms. */
  renderLatency: latency,
  /** The POST itself (apiserver answer), ms. */
  createLatency: latency,
  /** Rows first painted as the top row of the list, inside the viewport. */
  paintedAtTop: z.number(),
  /** The list's row count (aria-rowcount) before the first create, after the last row was painted, and what it should be. */
  rowCount: z.object({ before: z.number(), after: z.number(), expected: z.number() }),
  /** Patches of existing bench pods while the pods were created. */
  background: z.object({
    targetRate: z.number(),
    achievedRate: z.number(),
    patches: z.number(),
    errors: z.number(),
    seconds: z.number(),
  }),
  /** Long tasks (> 50 ms) in the page from the first create to the end. */
  longTasks,
  /** Frames painted meanwhile, and the longest gap between two. */
  frames: z.object({ frames: z.number(), fps: z.number(), maxGapMs: z.number() }),
  /** Page clock minus Node clock (both performance.timeOrigin + performance.now()), and the check's uncertainty. */
  clock: z.object({ offsetMs: z.number(), uncertaintyMs: z.number() }),
  measuredAt: z.string(),
});

export type VisibleRun = z.infer<typeof visibleRunSchema>;

/** One created pod: when its POST was sent, on the shared epoch clock (ms). */
export interface CreatedPod {
  key: string;
  sentAt: number;
}

/** What the page saw of one row (epoch ms on the page's clock); `index` is its row in the list. */
export interface SeenRow {
  domAt: number;
  paintedAt: number;
  index: number;
  inViewport: boolean;
}

export interface VisibleMatch {
  latency: VisibleLatency;
  domLatency: VisibleLatency;
  streamLatency: VisibleLatency;
  renderLatency: VisibleLatency;
  visible: number;
  misses: number;
  paintedAtTop: number;
}

/** Nearest-rank p50/p95/max; null when there is no sample (JSON has no NaN). */
export function latencyOf(samples: readonly number[]): VisibleLatency {
  const sorted = [...samples].sort((a, b) => a - b);
  if (!sorted.length) return { count: 0, p50: null, p95: null, max: null };
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1] as number),
  };
}

/**
 * Matches each created pod to its painted row (and, when known, the arrival of its change event at
 * the page, `streamAt`). A row painted more than `timeoutMs` after the POST, or never, is a miss; a
 * time a little before `sentAt` (clocks a millisecond apart) counts as 0.
 */
export function matchVisible(
  created: readonly CreatedPod[],
  seen: Readonly<Record<string, SeenRow>>,
  streamAt: Readonly<Record<string, number>> = {},
  timeoutMs = VISIBLE_TIMEOUT_MS,
): VisibleMatch {
  const painted: number[] = [];
  const dom: number[] = [];
  const stream: number[] = [];
  const render: number[] = [];
  let misses = 0;
  let paintedAtTop = 0;
  for (const c of created) {
    const row = seen[c.key];
    const ms = row ? Math.max(0, row.paintedAt - c.sentAt) : Infinity;
    if (!row || ms > timeoutMs) {
      misses++;
      continue;
    }
    painted.push(ms);
    dom.push(Math.max(0, row.domAt - c.sentAt));
    const at = streamAt[c.key];
    if (at !== undefined) {
      stream.push(Math.max(0, at - c.sentAt));
      render.push(Math.max(0, row.paintedAt - at));
    }
    if (row.index === 0 && row.inViewport) paintedAtTop++;
  }
  return {
    latency: latencyOf(painted),
    domLatency: latencyOf(dom),
    streamLatency: latencyOf(stream),
    renderLatency: latencyOf(render),
    visible: painted.length,
    misses,
    paintedAtTop,
  };
}

/**
 * Offset of the page's clock from Node's, from round trips (Node before, page, Node after): the
 * sample with the shortest round trip, page time minus the midpoint; uncertain by half that trip.
 */
export function clockOffset(samples: readonly { before: number; page: number; after: number }[]): {
  offsetMs: number;
  uncertaintyMs: number;
} {
  const best = [...samples].sort((a, b) => a.after - a.before - (b.after - b.before))[0];
  if (!best) return { offsetMs: 0, uncertaintyMs: Infinity };
  return {
    offsetMs: round(best.page - (best.before + best.after) / 2),
    uncertaintyMs: round((best.after - best.before) / 2),
  };
}

const ms = (v: number | null) => (v === null ? 'n/a' : `${v} ms`);

export function visibleTargets(run: VisibleRun | undefined) {
  if (!run) return [];
  const flowing = run.background.achievedRate >= VISIBLE_CHANGE_RATE * 0.95;
  return [
    {
      id: 'create-visible-p95',
      name: `Create → visible in the browser (${run.view})`,
      target: `p95 ≤ ${VISIBLE_P95_TARGET_MS} ms while ${VISIBLE_CHANGE_RATE} changes/s flow, no miss`,
      value:
        `p95 ${ms(run.latency.p95)} over ${run.created} pods, ${run.misses} missed; ` +
        `${run.background.achievedRate} changes/s`,
      met:
        run.created > 0 &&
        run.misses === 0 &&
        run.createErrors === 0 &&
        run.latency.p95 !== null &&
        run.latency.p95 <= VISIBLE_P95_TARGET_MS &&
        flowing,
    },
  ];
}

/** Measurement rows for docs/benchmarks.md (bench/report.ts). */
export function visibleRows(run: VisibleRun | undefined): string[][] {
  if (!run) return [];
  const r = run.rowCount;
  return [
    [
      `Create → visible, \`${run.path}\` (${run.view}), ${run.created} pods created one at a time in ${run.namespace}`,
      `POST sent → row painted: p50 ${ms(run.latency.p50)}, p95 ${ms(run.latency.p95)}, max ${ms(run.latency.max)}; ` +
        `${run.misses} never visible within ${VISIBLE_TIMEOUT_MS / 1000} s, ${run.createErrors} POST errors; ` +
        `${run.paintedAtTop} of ${run.visible} painted as the top row; ` +
        `POST sent → change event at the page p50 ${ms(run.streamLatency.p50)}, p95 ${ms(run.streamLatency.p95)}; ` +
        `event → painted p50 ${ms(run.renderLatency.p50)}, p95 ${ms(run.renderLatency.p95)}; ` +
        `in the DOM p50 ${ms(run.domLatency.p50)}, p95 ${ms(run.domLatency.p95)}; ` +
        `the POST itself p50 ${ms(run.createLatency.p50)}, p95 ${ms(run.createLatency.p95)}`,
    ],
    [
      `Create → visible: meanwhile`,
      `${run.background.achievedRate} changes/s of other bench pods (target ${run.background.targetRate}, ` +
        `${run.background.patches} patches, ${run.background.errors} errors); ` +
        `${run.longTasks.count} long tasks (max ${run.longTasks.maxMs} ms, total ${run.longTasks.totalMs} ms); ` +
        `${run.frames.fps} frames/s, longest gap ${run.frames.maxGapMs} ms; ` +
        `rows in the list ${r.before.toLocaleString('en')} → ${r.after.toLocaleString('en')} (expected ${r.expected.toLocaleString('en')})`,
    ],
  ];
}
