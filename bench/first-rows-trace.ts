import { z } from 'zod';

import { selfTimes, spansOf, topByTime, topEventsSchema, workMs, workSchema, type TraceEvent } from './scroll-trace';
import { round } from './stats';

// Where a first-rows navigation's time goes (bench/measure-first-rows.ts): one extra navigation of each
// page, after the measured ones, with a Chromium trace (devtools.timeline, blink.user_timing, v8, loading),
// cut to the window from navigation start to the first data row painted. The window starts at the trace's
// `navigationStart` mark of the page's document (the page's timeOrigin, on the trace's clock) and lasts
// the page's own paintedMs; the renderer main thread is the one that mark came from. Inside the window:
// self time of the main thread's work by kind (HTML parsing, script, style, layout, paint, GC, the rest of
// the tasks), the time it was idle, and the scripts and stylesheets the page's frame loaded (the browser's
// own pages, such as the omnibox's, load scripts in the same trace). The document's first and last byte
// come from the page's Navigation Timing. Pure; first-rows-trace.test.ts.

/** Trace events as Chromium writes them, with the `data` of the loading and navigation events. */
export interface LoadTraceEvent extends Omit<TraceEvent, 'args'> {
  args?: {
    name?: string;
    /** navigationStart's frame. */
    frame?: string;
    data?: {
      documentLoaderURL?: string;
      /** The frame a request is for. */
      frame?: string;
      requestId?: string;
      resourceType?: string;
      url?: string;
      encodedDataLength?: number;
      decodedBodyLength?: number;
      didFail?: boolean;
    };
  };
}

const loaded = z.object({
  count: z.number(),
  /** Bytes over the wire (headers included, compressed). */
  transferBytes: z.number(),
  /** The bodies' bytes once decoded. */
  bodyBytes: z.number(),
});

/**
 * The renderer main thread's self time inside the window by kind of work, ms (parsing the HTML apart from
 * the rest, `other` being the tasks' unlabeled work); with parseHtmlMs they add up to busyMs.
 */
export const firstRowsTraceSchema = workSchema.extend({
  /** Navigation start → first data row painted in the traced navigation (the trace slows it a little). */
  windowMs: z.number(),
  /** The document's first and last byte (Navigation Timing). */
  responseStartMs: z.number(),
  responseEndMs: z.number(),
  parseHtmlMs: z.number(),
  /** Time in main-thread tasks within the window, and its share of the window (0–1). */
  busyMs: z.number(),
  busyShare: z.number(),
  /** The window less busyMs: the main thread waiting (for the network, mostly). */
  idleMs: z.number(),
  /** Scripts and stylesheets whose load finished within the window. */
  scripts: loaded,
  stylesheets: loaded,
  /** Trace events by self time within the window. */
  top: topEventsSchema,
});

export type FirstRowsTrace = z.infer<typeof firstRowsTraceSchema>;

/** What the page reported for the traced navigation (ms since its navigation start). */
export interface TracedNavigation {
  /** The document's URL, as the trace's navigationStart mark names it. */
  url: string;
  paintedMs: number;
  responseStartMs: number;
  responseEndMs: number;
}

/**
 * Scripts and stylesheets (by their request's resource type) the page's frame asked for within the window
 * (µs) whose ResourceFinish falls in it too.
 */
function loadedWithin(
  events: readonly LoadTraceEvent[],
  frame: string | undefined,
  { from, to }: { from: number; to: number },
): { scripts: Loaded; stylesheets: Loaded } {
  const typeOf = new Map<string, string>();
  for (const e of events) {
    const d = e.args?.data;
    if (e.name !== 'ResourceSendRequest' || !d?.requestId || !d.resourceType || e.ts < from) continue;
    if (frame === undefined || d.frame === frame) typeOf.set(d.requestId, d.resourceType);
  }
  const scripts = { count: 0, transferBytes: 0, bodyBytes: 0 };
  const stylesheets = { count: 0, transferBytes: 0, bodyBytes: 0 };
  for (const e of events) {
    const d = e.args?.data;
    if (e.name !== 'ResourceFinish' || !d?.requestId || d.didFail || e.ts > to) continue;
    const type = typeOf.get(d.requestId);
    const into = type === 'Script' ? scripts : type === 'Stylesheet' ? stylesheets : undefined;
    if (!into) continue;
    into.count++;
    into.transferBytes += d.encodedDataLength ?? 0;
    into.bodyBytes += d.decodedBodyLength ?? 0;
  }
  return { scripts, stylesheets };
}

type Loaded = z.infer<typeof loaded>;

/** The HTML parser's work: ParseHTML, and the parser's own steps outside it (its preload scanner's fetches). */
const isParsing = (name: string) => name === 'ParseHTML' || name.startsWith('HTMLDocumentParser::');

/**
 * The traced navigation's window, from its `navigationStart` mark (the last one for `nav.url`) to the row
 * painted; undefined when the trace has no such mark.
 */
export function summarizeFirstRowsTrace(
  events: readonly LoadTraceEvent[],
  nav: TracedNavigation,
  top = 6,
): FirstRowsTrace | undefined {
  const start = events
    .filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === nav.url)
    .sort((a, b) => a.ts - b.ts)
    .at(-1);
  if (!start) return undefined;
  const window = { from: start.ts, to: start.ts + nav.paintedMs * 1000 };
  const spans = spansOf(events.filter((e) => e.pid === start.pid && e.tid === start.tid));
  const { self, taskUs } = selfTimes(spans, { keep: (s) => s.end > window.from && s.ts < window.to, clip: window });
  const ms = (us: number) => round(us / 1000);
  const windowUs = window.to - window.from;
  const rest = new Map([...self].filter(([name]) => !isParsing(name)));
  const parseUs = [...self].filter(([name]) => isParsing(name)).reduce((sum, [, us]) => sum + us, 0);
  return {
    windowMs: round(nav.paintedMs),
    responseStartMs: round(nav.responseStartMs),
    responseEndMs: round(nav.responseEndMs),
    parseHtmlMs: ms(parseUs),
    ...workMs(rest),
    busyMs: ms(taskUs),
    busyShare: windowUs > 0 ? Math.round((taskUs / windowUs) * 100) / 100 : 0,
    idleMs: ms(windowUs - taskUs),
    ...loadedWithin(events, start.args?.frame, window),
    top: topByTime(self, top),
  };
}

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/** One report cell: where the traced navigation's time to the first row went. */
export function describeFirstRowsTrace(t: FirstRowsTrace): string {
  const r = Math.round;
  return (
    `${r(t.windowMs)} ms to the row: first byte ${r(t.responseStartMs)} ms, last byte ${r(t.responseEndMs)} ms; ` +
    `main thread busy ${r(t.busyMs)} ms (${r(t.busyShare * 100)} %): parse HTML ${r(t.parseHtmlMs)}, ` +
    `script ${r(t.scriptMs)}, style ${r(t.styleMs)}, layout ${r(t.layoutMs)}, paint ${r(t.paintMs)}, ` +
    `GC ${r(t.gcMs)}, other ${r(t.otherMs)} ms; idle ${r(t.idleMs)} ms; ` +
    `before the row ${t.scripts.count} scripts (${kib(t.scripts.transferBytes)} transferred, ${kib(t.scripts.bodyBytes)} decoded), ` +
    `${t.stylesheets.count} stylesheets (${kib(t.stylesheets.transferBytes)}, ${kib(t.stylesheets.bodyBytes)})` +
    (t.top.length ? `; top: ${t.top.map((e) => `${e.name} ${r(e.selfMs)} ms`).join(', ')}` : '')
  );
}
