import { describe, expect, it } from 'vitest';

import { breakdownLongTasks, categoryOf, describeBreakdown, type TraceEvent } from './scroll-trace';

const main = { pid: 1, tid: 10 };
const x = (name: string, tsMs: number, durMs: number, at = main): TraceEvent => ({
  name,
  ph: 'X',
  ...at,
  ts: tsMs * 1000,
  dur: durMs * 1000,
});
const threadName = (name: string, at: { pid: number; tid: number }): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  ...at,
  ts: 0,
  args: { name },
});

const events: TraceEvent[] = [
  threadName('CrRendererMain', main),
  threadName('CrRendererMain', { pid: 2, tid: 20 }), // another renderer, barely busy
  threadName('Compositor', { pid: 1, tid: 11 }),
  // A long task at 100 ms: 80 ms = script 30 (of which GC 5, forced layout 10) + style 15 + layout 20 + paint 10 + 5 own.
  x('RunTask', 100, 80),
  x('FireAnimationFrame', 100, 30),
  x('FunctionCall', 100, 30),
  x('MinorGC', 105, 5),
  x('Layout', 115, 10),
  x('UpdateLayoutTree', 130, 15),
  x('Layout', 145, 20),
  x('Paint', 165, 10),
  // A short task is left out, with what runs inside it.
  x('RunTask', 300, 20),
  x('FunctionCall', 300, 20),
  // B/E pairs count too: a long task of 60 ms, all script.
  { name: 'RunTask', ph: 'B', ...main, ts: 400_000 },
  { name: 'EvaluateScript', ph: 'X', ...main, ts: 400_000, dur: 60_000 },
  { name: 'RunTask', ph: 'E', ...main, ts: 460_000 },
  // Other threads do not count.
  x('RunTask', 100, 200, { pid: 1, tid: 11 }),
  x('RunTask', 100, 60, { pid: 2, tid: 20 }),
];

describe('breakdownLongTasks', () => {
  it('splits the main thread long tasks into kinds of work by self time', () => {
    const b = breakdownLongTasks(events);
    expect(b).toMatchObject({
      tasks: 2,
      taskMs: 140,
      scriptMs: 75, // FireAnimationFrame 0 + FunctionCall 15 + EvaluateScript 60
      gcMs: 5,
      styleMs: 15,
      layoutMs: 30,
      paintMs: 10,
      otherMs: 5, // RunTask's own time
    });
    expect(b.top.slice(0, 3)).toEqual([
      { name: 'EvaluateScript', selfMs: 60 },
      { name: 'Layout', selfMs: 30 },
      { name: 'FunctionCall', selfMs: 15 },
    ]);
  });

  it('keeps only the long tasks that start within the window', () => {
    expect(breakdownLongTasks(events, { within: { from: 200_000, to: 500_000 } })).toMatchObject({
      tasks: 1,
      taskMs: 60,
      scriptMs: 60,
      layoutMs: 0,
    });
  });

  it('is empty without a renderer main thread', () => {
    expect(breakdownLongTasks([x('RunTask', 0, 100)])).toMatchObject({ tasks: 0, taskMs: 0, otherMs: 0, top: [] });
  });

  it('describes the breakdown in one line', () => {
    expect(describeBreakdown(breakdownLongTasks(events), 2)).toBe(
      '2 tasks, 140 ms: script 75 ms, style 15 ms, layout 30 ms, paint 10 ms, gc 5 ms, other 5 ms; events: EvaluateScript 60 ms, Layout 30 ms',
    );
  });
});

describe('categoryOf', () => {
  it('knows the timeline events and V8 prefixes', () => {
    expect(categoryOf('UpdateLayoutTree')).toBe('style');
    expect(categoryOf('V8.GCScavenger')).toBe('gc');
    expect(categoryOf('v8.compile')).toBe('script');
    expect(categoryOf('ParseHTML')).toBe('other');
  });
});
