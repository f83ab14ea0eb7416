import { z } from 'zod';

import { describeFirstRowsTrace, firstRowsTraceSchema } from './first-rows-trace';
import { percentile, round } from './stats';

// "First rows" in Chromium (bench/measure-first-rows.ts): navigation start → the first data row
// painted, for the Pods list (all namespaces), the Overview and a Deployment's page, warm server.
// The record's shape, the target on it (issue 14, target 2: ≤ 250 ms, judged on the p50 of
// the navigations; p95 and max shown beside it), whether the browser had to ask the API for the
// page's data before its first row (a waterfall: the rows were not in the HTML), and the rows
// docs/benchmarks.md shows. The pure parts of the measurement live here, so they are unit-tested.

/** The target: navigation start → first data row painted, p50 of the navigations. */
export const FIRST_ROWS_TARGET_MS = 250;

/** One navigation as the browser reported it (ms since navigation start, the page's timeOrigin). */
export const firstRowsSampleSchema = z.object({
  /** The first data row painted: the frame after it appeared (rAF, then the next task). */
  paintedMs: z.number(),
  /** The row appeared in the DOM (MutationObserver). */
  foundMs: z.number(),
  /** The first byte of the document (server time + network). */
  responseStartMs: z.number(),
  /** First contentful paint, when the browser reported one before the row. */
  fcpMs: z.number().nullable(),
  /** The row came in the HTML: it was in the DOM while the document was still being parsed. */
  inHtml: z.boolean(),
  /** API requests for the page's own data started before the row was painted (pathname + search). */
  dataRequestsBefore: z.array(z.string()),
  /** API requests for the page's own data during the whole navigation (a second fetch after hydration). */
  dataRequests: z.array(z.string()),
});

export type FirstRowsSample = z.infer<typeof firstRowsSampleSchema>;

const latency = z.object({ p50: z.number(), p95: z.number(), max: z.number() });

export const firstRowsRunSchema = z.object({
  /** Stable id of the page, e.g. `pods`, `overview`, `deployment`. */
  page: z.string(),
  /** In words, e.g. "Pods list, all namespaces". */
  label: z.string(),
  path: z.string(),
  /** Whose view, e.g. "operator (alice)". */
  who: z.string(),
  user: z.string(),
  navigations: z.number(),
  /** Navigation start → first data row painted. */
  firstRow: latency,
  /** Navigation start → first byte of the document. */
  responseStart: latency,
  /** Navigations whose row was in the server's HTML. */
  inHtml: z.number(),
  /** Navigations where the browser asked the API for the page's data before the row was painted. */
  waterfalls: z.number(),
  /**
   * Navigations where the browser asked the API for the page's data at all. After the rows, that is
   * the live stream catching up: a resync when it could not replay what changed since the server's
   * read (a busy cluster: more than the stream's replay limit of changes in between).
   */
  refetches: z.number(),
  /** The data requests seen (deduplicated), to show what the waterfall was. */
  dataRequestsSeen: z.array(z.string()),
  samples: z.array(firstRowsSampleSchema),
  measuredAt: z.string(),
  /** One more navigation, traced and not judged: where the time to the row goes. Absent in earlier runs. */
  trace: firstRowsTraceSchema.optional(),
});

export type FirstRowsRun = z.infer<typeof firstRowsRunSchema>;

/** p50, p95 and max (nearest rank, 0.1 ms). */
export function latencyOf(values: readonly number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/**
 * Whether an API request (pathname, with or without its query) reads one of a page's data paths: a
 * list (`/api/k8s/local/pods`) or an object (`/api/k8s/local/deployments/<ns>/<name>`), exactly —
 * what else the page reads (an object's `…/actions`, metrics, the stream) is not its first rows.
 */
export function isDataRequest(url: string, dataPaths: readonly string[]): boolean {
  const path = url.split('?')[0] ?? '';
  return dataPaths.includes(path);
}

/**
 * A request the page made, timed in the page's clock: `startedAt` is epoch ms (as Date.now() saw the
 * request leave), `timeOrigin` the page's performance.timeOrigin.
 */
export interface SeenRequest {
  url: string;
  startedAt: number;
}

/** The page's data requests, and those among them that left before the row was painted. */
export function dataRequestsOf(
  requests: readonly SeenRequest[],
  dataPaths: readonly string[],
  timeOrigin: number,
  paintedMs: number,
): { before: string[]; all: string[] } {
  const data = requests.filter((r) => isDataRequest(r.url, dataPaths));
  return {
    before: data.filter((r) => r.startedAt - timeOrigin <= paintedMs).map((r) => r.url),
    all: data.map((r) => r.url),
  };
}

/** The run's record from its navigations' samples. */
export function summarizeFirstRows(
  page: { id: string; label: string; path: string },
  who: { user: string; who: string },
  samples: readonly FirstRowsSample[],
  measuredAt = new Date().toISOString(),
): FirstRowsRun {
  return {
    page: page.id,
    label: page.label,
    path: page.path,
    who: who.who,
    user: who.user,
    navigations: samples.length,
    firstRow: latencyOf(samples.map((s) => s.paintedMs)),
    responseStart: latencyOf(samples.map((s) => s.responseStartMs)),
    inHtml: samples.filter((s) => s.inHtml).length,
    waterfalls: samples.filter((s) => s.dataRequestsBefore.length > 0).length,
    refetches: samples.filter((s) => s.dataRequests.length > 0).length,
    dataRequestsSeen: [...new Set(samples.flatMap((s) => s.dataRequests))].sort(),
    samples: [...samples],
    measuredAt,
  };
}

/** Issue 14, target 2: p50 ≤ 250 ms, and the rows in the HTML with no waterfall. */
export function firstRowsTargets(runs: readonly FirstRowsRun[] | undefined) {
  return (runs ?? []).map((r) => ({
    id: `first-rows-${r.page}-${r.user}`,
    name: `First rows: ${r.label}, ${r.who}`,
    target: `≤ ${FIRST_ROWS_TARGET_MS} ms (p50), rows in the HTML, no client waterfall`,
    value:
      `p50 ${r.firstRow.p50} ms (p95 ${r.firstRow.p95} ms, max ${r.firstRow.max} ms); ` +
      `in the HTML ${r.inHtml}/${r.navigations}, waterfall ${r.waterfalls}/${r.navigations}, ` +
      `read again after the rows ${r.refetches - r.waterfalls}/${r.navigations}`,
    // A read after the rows are painted is the live stream catching up (a resync when the stream
    // could not replay what happened since the server's read): shown, not judged here.
    met:
      r.navigations > 0 && r.firstRow.p50 <= FIRST_ROWS_TARGET_MS && r.waterfalls === 0 && r.inHtml === r.navigations,
  }));
}

/** Measurement rows for docs/benchmarks.md (bench/report.ts). */
export function firstRowsRows(runs: readonly FirstRowsRun[] | undefined): string[][] {
  return (runs ?? []).flatMap((r) => [
    [
      `First rows in Chromium: ${r.label} (\`${r.path}\`), ${r.who}, ${r.navigations} navigations, warm`,
      `first data row painted p50 ${r.firstRow.p50} ms, p95 ${r.firstRow.p95} ms, max ${r.firstRow.max} ms; ` +
        `first byte p50 ${r.responseStart.p50} ms; rows in the HTML ${r.inHtml}/${r.navigations}; ` +
        `API requests for the data before the row ${r.waterfalls}/${r.navigations}, at all ${r.refetches}/${r.navigations}` +
        (r.dataRequestsSeen.length ? ` (${r.dataRequestsSeen.slice(0, 3).join(', ')})` : ''),
    ],
    ...(r.trace
      ? [['where the time goes: one more navigation, traced, not judged', describeFirstRowsTrace(r.trace)]]
      : []),
  ]);
}
