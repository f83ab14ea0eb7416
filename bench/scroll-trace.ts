import { z } from 'zod';

import { round } from './stats';

// What the scroll's long tasks are made of, from a Chromium trace (category devtools.timeline and its
// disabled-by-default part, recorded by bench/measure-scroll.ts): the renderer main thread's tasks over
// 50 ms (RunTask) and, inside them, the self time of each trace event, grouped into script, style,
// layout, paint and GC. The trace's clock is its own, but so are its tasks: nothing to align. A V8 CPU
// profile lumps style, layout and paint into "(program)" (and counts a layout forced from JavaScript as
// the calling function's self time); the trace tells them apart. Pure; scroll-trace.test.ts.

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const CATEGORIES = ['script', 'style', 'layout', 'paint', 'gc', 'other'] as const;
type Category = (typeof CATEGORIES)[number];

/** Self time by kind of work, ms. */
export const workSchema = z.object({
  scriptMs: z.number(),
  styleMs: z.number(),
  layoutMs: z.number(),
  paintMs: z.number(),
  gcMs: z.number(),
  otherMs: z.number(),
});

export type WorkMs = z.infer<typeof workSchema>;

/** Trace events by self time (RunTask's own time is the task's unlabeled work). */
export const topEventsSchema = z.array(z.object({ name: z.string(), selfMs: z.number() }));

export const traceBreakdownSchema = workSchema.extend({
  /**
   * Renderer main-thread tasks over 50 ms in the trace: the PerformanceObserver's, plus any of 50.x ms (it
   * reports whole milliseconds, and 50 is not over 50).
   */
  tasks: z.number(),
  taskMs: z.number(),
  /** Trace events by self time inside those tasks. */
  top: topEventsSchema,
});

export type TraceBreakdown = z.infer<typeof traceBreakdownSchema>;

const EXACT: Record<string, Category> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  FireIdleCallback: 'script',
  EventDispatch: 'script',
  RunMicrotasks: 'script',
  CompileScript: 'script',
  CompileCode: 'script',
  OptimizeCode: 'script',
  XHRReadyStateChange: 'script',
  XHRLoad: 'script',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'paint',
  Layerize: 'paint',
  PaintImage: 'paint',
  CompositeLayers: 'paint',
  UpdateLayerTree: 'paint',
  UpdateLayer: 'paint',
  Commit: 'paint',
  'Decode Image': 'paint',
  MinorGC: 'gc',
  MajorGC: 'gc',
};

export function categoryOf(name: string): Category {
  const exact = EXACT[name];
  if (exact) return exact;
  if (/^(V8\.GC|BlinkGC|CppGC|ThreadState::)/.test(name)) return 'gc';
  if (/^(v8\.|V8\.)/.test(name)) return 'script';
  return 'other';
}

export interface Span {
  name: string;
  ts: number;
  end: number;
}

/** Complete spans of one thread: X events, and B/E pairs matched with a stack. */
export function spansOf(events: readonly TraceEvent[]): Span[] {
  const spans: Span[] = [];
  const open: TraceEvent[] = [];
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && e.dur !== undefined) spans.push({ name: e.name, ts: e.ts, end: e.ts + e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) spans.push({ name: b.name, ts: b.ts, end: e.ts });
    }
  }
  // Parents before children: earlier start first, the longer one first at the same start, the task first
  // when a child fills it exactly.
  const task = (s: Span) => (s.name === 'RunTask' ? 0 : 1);
  return spans.sort((a, b) => a.ts - b.ts || b.end - a.end || task(a) - task(b));
}

/** The renderer main thread: among CrRendererMain threads, the one with the most time in tasks. */
function mainThread(events: readonly TraceEvent[]): string | undefined {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const busy = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name === 'RunTask' && mains.has(key)) busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  return [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Self time by event name inside the main thread's tasks over `longMs` that start within `within` (trace
 * clock, µs: Chromium's monotonic clock, the same as a V8 CPU profile's).
 */
export function breakdownLongTasks(
  events: readonly TraceEvent[],
  { longMs = 50, within = { from: -Infinity, to: Infinity }, top = 8 } = {},
): TraceBreakdown {
  const thread = mainThread(events);
  const spans = spansOf(events.filter((e) => `${e.pid}:${e.tid}` === thread));
  // Only long tasks and what runs inside them count.
  const { self, tasks, taskUs } = selfTimes(spans, {
    keep: (span) =>
      span.name === 'RunTask' && span.end - span.ts > longMs * 1000 && span.ts >= within.from && span.ts < within.to,
  });
  return { tasks, taskMs: round(taskUs / 1000), ...workMs(self), top: topByTime(self, top) };
}

/** Self times by event name (µs) summed by kind of work, ms. */
export function workMs(self: ReadonlyMap<string, number>): WorkMs {
  const us = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const [name, t] of self) us[categoryOf(name)] += t;
  return Object.fromEntries(CATEGORIES.map((c) => [`${c}Ms`, round(us[c] / 1000)])) as WorkMs;
}

/** The `n` names with the most time, ms. */
export function topByTime(self: ReadonlyMap<string, number>, n: number): { name: string; selfMs: number }[] {
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, selfMs: round(us / 1000) }));
}

/**
 * Self time by span name (µs) inside the top-level spans `keep` accepts (spans in spansOf's order), and
 * those spans' count and time; every span is cut to `clip` (a span outside it counts nothing).
 */
export function selfTimes(
  spans: readonly Span[],
  {
    keep,
    clip = { from: -Infinity, to: Infinity },
  }: { keep: (span: Span) => boolean; clip?: { from: number; to: number } },
): { self: Map<string, number>; tasks: number; taskUs: number } {
  const inClip = (from: number, to: number) => Math.max(0, Math.min(to, clip.to) - Math.max(from, clip.from));
  const self = new Map<string, number>();
  let tasks = 0;
  let taskUs = 0;
  const stack: { span: Span; selfUs: number }[] = [];
  const close = () => {
    const top = stack.pop()!;
    self.set(top.span.name, (self.get(top.span.name) ?? 0) + top.selfUs);
  };
  for (const span of spans) {
    while (stack.length && stack[stack.length - 1]!.span.end <= span.ts) close();
    if (!stack.length) {
      if (!keep(span)) continue;
      tasks++;
      taskUs += inClip(span.ts, span.end);
    } else {
      const parent = stack[stack.length - 1]!;
      parent.selfUs -= inClip(span.ts, Math.min(span.end, parent.span.end));
    }
    stack.push({ span, selfUs: inClip(span.ts, span.end) });
  }
  while (stack.length) close();
  return { self, tasks, taskUs };
}

/** One report cell: the kinds of work and the first few events by self time. */
export function describeBreakdown(t: TraceBreakdown, top = 4): string {
  const kinds = CATEGORIES.map((c) => `${c} ${Math.round(t[`${c}Ms`])} ms`).join(', ');
  const events = t.top.slice(0, top).map((e) => `${e.name} ${Math.round(e.selfMs)} ms`);
  return `${t.tasks} tasks, ${Math.round(t.taskMs)} ms: ${kinds}${events.length ? `; events: ${events.join(', ')}` : ''}`;
}
