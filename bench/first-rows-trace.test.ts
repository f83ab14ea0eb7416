import { describe, expect, it } from 'vitest';

import {
  describeFirstRowsTrace,
  firstRowsTraceSchema,
  summarizeFirstRowsTrace,
  type LoadTraceEvent,
} from './first-rows-trace';

const URL_ = 'http://127.0.0.1:3100/c/local/pods';
const main = { pid: 1, tid: 10 };
const T0 = 1_000_000; // navigation start, trace clock (µs)
const at = (ms: number) => T0 + ms * 1000;
const x = (name: string, startMs: number, durMs: number, on = main): LoadTraceEvent => ({
  name,
  ph: 'X',
  ...on,
  ts: at(startMs),
  dur: durMs * 1000,
});
const instant = (name: string, ms: number, data: NonNullable<LoadTraceEvent['args']>['data']): LoadTraceEvent => ({
  name,
  ph: 'I',
  ...main,
  ts: at(ms),
  args: { data },
});
const request = (id: string, resourceType: string, sentMs: number, doneMs: number, bytes: number) => [
  instant('ResourceSendRequest', sentMs, { requestId: id, resourceType, url: `http://x/${id}`, frame: 'F1' }),
  instant('ResourceFinish', doneMs, { requestId: id, encodedDataLength: bytes + 100, decodedBodyLength: bytes * 3 }),
];

/** A main-thread task from `startMs` for `durMs`, with the work inside it. */
const task = (startMs: number, durMs: number, ...inside: LoadTraceEvent[]) => [x('RunTask', startMs, durMs), ...inside];

const events: LoadTraceEvent[] = [
  // The tab's first, empty document, and the page's own navigation (the one that counts).
  { name: 'navigationStart', ph: 'R', ...main, ts: T0 - 500_000, args: { data: { documentLoaderURL: '' } } },
  { name: 'navigationStart', ph: 'R', ...main, ts: T0, args: { frame: 'F1', data: { documentLoaderURL: URL_ } } },
  // Before the window: does not count.
  ...task(-100, 20, x('FunctionCall', -100, 20)),
  // 40–70: parsing the HTML (30), of which 10 running an inline script, of which 2 GC.
  ...task(40, 30, x('ParseHTML', 40, 30), x('EvaluateScript', 50, 10), x('MinorGC', 55, 2)),
  // 70–75: the parser's preload scanner, in a task of its own.
  ...task(70, 5, x('HTMLDocumentParser::MaybeFetchQueuedPreloads', 70, 5)),
  // 100–160, a B/E pair: a script (compile 5, run 35), style 8, layout 7, 5 of the task's own.
  { name: 'RunTask', ph: 'B', ...main, ts: at(100) },
  ...[x('EvaluateScript', 100, 40), x('v8.compile', 100, 5), x('UpdateLayoutTree', 140, 8), x('Layout', 148, 7)],
  { name: 'RunTask', ph: 'E', ...main, ts: at(160) },
  // 190–210, cut at the row painted (200): paint 6, then 14 ms of script of which 4 in the window.
  ...task(190, 20, x('Paint', 190, 6), x('FunctionCall', 196, 14)),
  // Another thread, busy all along: not the page's main thread.
  x('RunTask', 0, 200, { pid: 1, tid: 11 }),
  x('FunctionCall', 0, 200, { pid: 1, tid: 11 }),
  // Loads: two scripts and a stylesheet before the row; a script after it; a failed one; the document.
  ...request('doc', 'Document', 0, 30, 5000),
  ...request('s1', 'Script', 45, 90, 1000),
  ...request('s2', 'Script', 45, 95, 2000),
  ...request('c1', 'Stylesheet', 45, 60, 400),
  ...request('s3', 'Script', 150, 250, 9000),
  instant('ResourceSendRequest', 46, { requestId: 'bad', resourceType: 'Script', frame: 'F1' }),
  // Another frame's script, and one asked for before the navigation: not the page's.
  instant('ResourceSendRequest', 46, { requestId: 'other', resourceType: 'Script', frame: 'F2' }),
  instant('ResourceFinish', 80, { requestId: 'other', encodedDataLength: 70_000 }),
  { ...instant('ResourceSendRequest', 0, { requestId: 'old', resourceType: 'Script', frame: 'F1' }), ts: T0 - 1000 },
  instant('ResourceFinish', 80, { requestId: 'old', encodedDataLength: 70_000 }),
  instant('ResourceFinish', 80, { requestId: 'bad', didFail: true, encodedDataLength: 0 }),
];

const nav = { url: URL_, paintedMs: 200, responseStartMs: 25.04, responseEndMs: 30.01 };

describe('summarizeFirstRowsTrace', () => {
  it('splits the main thread time before the row into kinds of work, idle and loads', () => {
    const t = summarizeFirstRowsTrace(events, nav)!;
    expect(t).toMatchObject({
      windowMs: 200,
      responseStartMs: 25,
      responseEndMs: 30,
      parseHtmlMs: 25, // ParseHTML 20 + the preload scanner 5
      scriptMs: 52, // the inline script 8 (10 less its GC) + EvaluateScript 35 + v8.compile 5 + FunctionCall 4 (cut at the row)
      styleMs: 8,
      layoutMs: 7,
      paintMs: 6,
      gcMs: 2,
      otherMs: 5, // the second task's own time
      busyMs: 105, // 30 + 5 + 60 + 10
      busyShare: 0.53,
      idleMs: 95,
      scripts: { count: 2, transferBytes: 3200, bodyBytes: 9000 },
      stylesheets: { count: 1, transferBytes: 500, bodyBytes: 1200 },
    });
    // The parts add up to the window.
    const parts = t.parseHtmlMs + t.scriptMs + t.styleMs + t.layoutMs + t.paintMs + t.gcMs + t.otherMs;
    expect(parts).toBe(t.busyMs);
    expect(parts + t.idleMs).toBe(t.windowMs);
    expect(t.top[0]).toEqual({ name: 'EvaluateScript', selfMs: 43 });
    expect(firstRowsTraceSchema.parse(t)).toEqual(t);
  });

  it('is undefined without the page navigation mark', () => {
    expect(summarizeFirstRowsTrace(events, { ...nav, url: 'http://elsewhere/' })).toBeUndefined();
  });

  it('describes the breakdown in one line', () => {
    const line = describeFirstRowsTrace(summarizeFirstRowsTrace(events, nav)!);
    expect(line).toContain('200 ms to the row: first byte 25 ms, last byte 30 ms');
    expect(line).toContain('main thread busy 105 ms (53 %): parse HTML 25, script 52, style 8');
    expect(line).toContain('idle 95 ms');
    expect(line).toContain('2 scripts (3 KiB transferred, 9 KiB decoded), 1 stylesheets');
  });
});
