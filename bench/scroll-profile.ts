import { z } from 'zod';

import { describeBreakdown, traceBreakdownSchema } from './scroll-trace';
import { round } from './stats';

// Where the renderer's time goes while the Pods list scrolls: a V8 CPU profile of the page (the DevTools
// protocol's Profiler domain, bench/measure-scroll.ts) summarized for the whole scroll and for the time
// inside long tasks. Pure, so a hand-built profile tests it (scroll-profile.test.ts).
//
// Clocks: the profile's startTime and timeDeltas are microseconds on Chromium's monotonic clock; long
// tasks are performance.now() milliseconds of the page. The page runs a marker function (busy for a few
// milliseconds) right after the profiler starts and records performance.now() when it begins; the first
// sample with the marker on its stack ties the two clocks (within one sampling interval).

/** The part of Chromium's Profiler.Profile this summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** The page's marker: its name in the profile and performance.now() (ms) when it began. */
export const PROFILE_MARKER = '__wheelhouseProfileMark';

const entrySchema = z.object({ functionName: z.string(), source: z.string(), selfMs: z.number() });

const sliceSchema = z.object({
  /** Sampled time in the slice (ms); inside long tasks it should come close to their total duration. */
  sampledMs: z.number(),
  /** JavaScript (any function), V8's (program) (native work: style, layout, paint, the event loop), GC, idle. */
  scriptMs: z.number(),
  programMs: z.number(),
  gcMs: z.number(),
  idleMs: z.number(),
  /** Functions by self time (JavaScript only; the categories above hold the rest). */
  top: z.array(entrySchema),
});

export const scrollProfileSchema = z.object({
  samplingIntervalUs: z.number(),
  /** Whether the marker tied the profile's clock to the page's; without it there is no long-task slice. */
  aligned: z.boolean(),
  /** The scroll from its first to its last frame. */
  whole: sliceSchema,
  /** Samples inside the long tasks (> 50 ms) of the scroll; absent when there were none. */
  longTasks: sliceSchema.extend({ tasks: z.number(), taskMs: z.number() }).optional(),
  /** The long tasks split into script, style, layout, paint and GC by a Chromium trace (bench/scroll-trace.ts). */
  trace: traceBreakdownSchema.optional(),
});

export type ProfileEntry = z.infer<typeof entrySchema>;
export type ProfileSlice = z.infer<typeof sliceSchema>;
export type ScrollProfile = z.infer<typeof scrollProfileSchema>;

type Frame = CpuProfile['nodes'][number]['callFrame'];

interface Sample {
  node: number;
  /** Profile clock, µs. */
  at: number;
  /** Until the next sample (the profile's end for the last one), µs. */
  us: number;
}

/** Each sample with its time and the time it stands for (up to the next sample). */
export function samplesOf(profile: CpuProfile): Sample[] {
  const ids = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const at: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < ids.length; i++) at.push((t += deltas[i] ?? 0));
  return ids.map((node, i) => ({
    node,
    at: at[i]!,
    us: Math.max(0, (i + 1 < at.length ? at[i + 1]! : profile.endTime) - at[i]!),
  }));
}

/** The nodes with the named function somewhere on their stack (the node itself or an ancestor). */
function nodesUnder(profile: CpuProfile, functionName: string): Set<number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const found = new Set<number>();
  const visit = (id: number, inside: boolean) => {
    const n = byId.get(id);
    if (!n) return;
    const here = inside || n.callFrame.functionName === functionName;
    if (here) found.add(id);
    for (const c of n.children ?? []) visit(c, here);
  };
  const children = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  for (const n of profile.nodes) if (!children.has(n.id)) visit(n.id, false);
  return found;
}

/**
 * The offset (ms) to add to a profile time (µs / 1000) to get the page's performance.now(): from the first
 * sample inside the marker, which began at `markAtMs` page time. Undefined when no sample caught it.
 */
export function clockOffsetMs(profile: CpuProfile, markAtMs: number, marker = PROFILE_MARKER): number | undefined {
  const inside = nodesUnder(profile, marker);
  const first = samplesOf(profile).find((s) => inside.has(s.node));
  return first ? markAtMs - first.at / 1000 : undefined;
}

/** A short label for where a function lives: the npm package, else the file's basename with line:column. */
export function sourceLabel(frame: Frame): string {
  if (!frame.url) return 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1]!;
  const file = frame.url.replace(/[?#].*$/, '').replace(/^.*\//, '') || frame.url;
  return `${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
}

const CATEGORY: Record<string, 'programMs' | 'gcMs' | 'idleMs'> = {
  '(program)': 'programMs',
  '(root)': 'programMs',
  '(garbage collector)': 'gcMs',
  '(idle)': 'idleMs',
};

/** Categories and the top functions by self time over some samples. */
export function summarizeSlice(profile: CpuProfile, samples: readonly Sample[], top = 10): ProfileSlice {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const us = { sampledMs: 0, scriptMs: 0, programMs: 0, gcMs: 0, idleMs: 0 };
  const self = new Map<string, ProfileEntry>();
  for (const s of samples) {
    const frame = frames.get(s.node);
    if (!frame) continue;
    us.sampledMs += s.us;
    const category = CATEGORY[frame.functionName];
    if (category) {
      us[category] += s.us;
      continue;
    }
    us.scriptMs += s.us;
    const functionName = frame.functionName || '(anonymous)';
    const source = sourceLabel(frame);
    const key = `${functionName}\u0000${source}`;
    const entry = self.get(key) ?? { functionName, source, selfMs: 0 };
    entry.selfMs += s.us;
    self.set(key, entry);
  }
  const ms = (v: number) => round(v / 1000);
  return {
    sampledMs: ms(us.sampledMs),
    scriptMs: ms(us.scriptMs),
    programMs: ms(us.programMs),
    gcMs: ms(us.gcMs),
    idleMs: ms(us.idleMs),
    top: [...self.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((e) => ({ ...e, selfMs: ms(e.selfMs) })),
  };
}

export interface ScrollWindow {
  /** The marker's start, page ms (performance.now()). */
  markAtMs: number;
  /** The scroll's first and last frame, page ms. */
  from: number;
  to: number;
  /** The scroll's long tasks, page ms. */
  tasks: readonly { start: number; duration: number }[];
  samplingIntervalUs: number;
}

/** The profile of one scroll: the whole scroll, and the samples that fall inside its long tasks. */
export function summarizeScrollProfile(profile: CpuProfile, w: ScrollWindow, top = 10): ScrollProfile {
  const offset = clockOffsetMs(profile, w.markAtMs);
  const samples = samplesOf(profile);
  if (offset === undefined)
    return { samplingIntervalUs: w.samplingIntervalUs, aligned: false, whole: summarizeSlice(profile, samples, top) };
  const page = (s: Sample) => s.at / 1000 + offset;
  const whole = summarizeSlice(
    profile,
    samples.filter((s) => page(s) >= w.from && page(s) < w.to),
    top,
  );
  const inTask = (s: Sample) => w.tasks.some((t) => page(s) >= t.start && page(s) < t.start + t.duration);
  const longTasks = w.tasks.length
    ? {
        ...summarizeSlice(profile, samples.filter(inTask), top),
        tasks: w.tasks.length,
        taskMs: round(w.tasks.reduce((sum, t) => sum + t.duration, 0)),
      }
    : undefined;
  return { samplingIntervalUs: w.samplingIntervalUs, aligned: true, whole, ...(longTasks ? { longTasks } : {}) };
}

const pct = (part: number, whole: number) => `${whole > 0 ? Math.round((part / whole) * 100) : 0} %`;

/** One report cell: the categories' shares and the first few functions by self time. */
export function describeSlice(s: ProfileSlice, top = 5): string {
  const shares =
    `script ${pct(s.scriptMs, s.sampledMs)}, (program) ${pct(s.programMs, s.sampledMs)}, ` +
    `GC ${pct(s.gcMs, s.sampledMs)}, idle ${pct(s.idleMs, s.sampledMs)}`;
  const fns = s.top.slice(0, top).map((e) => `${e.functionName} (${e.source}) ${Math.round(e.selfMs)} ms`);
  return `${Math.round(s.sampledMs)} ms sampled: ${shares}${fns.length ? `; self time: ${fns.join(', ')}` : ''}`;
}

/** Report rows for bench/report.ts (none for records made before the profile existed). */
export function scrollProfileRows(p: ScrollProfile | undefined): string[][] {
  if (!p) return [];
  const program = '(program) is native work: style, layout, paint';
  return [
    [
      `scroll, a second, profiled pass: renderer CPU profile, whole scroll (${p.samplingIntervalUs} µs samples; ${program})`,
      describeSlice(p.whole),
    ],
    ...(p.longTasks
      ? [
          [
            `scroll, profiled pass: where its long tasks' time goes (CPU profile; ${p.longTasks.tasks} tasks, ${Math.round(p.longTasks.taskMs)} ms)`,
            describeSlice(p.longTasks),
          ],
        ]
      : []),
    ...(p.trace?.tasks
      ? [
          [
            'scroll, profiled pass: its long tasks by kind of work (Chromium trace, self time)',
            describeBreakdown(p.trace),
          ],
        ]
      : []),
  ];
}
