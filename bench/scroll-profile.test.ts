import { describe, expect, it } from 'vitest';

import {
  clockOffsetMs,
  describeSlice,
  samplesOf,
  scrollProfileRows,
  scrollProfileSchema,
  sourceLabel,
  summarizeScrollProfile,
  type CpuProfile,
} from './scroll-profile';

const chunk = 'http://127.0.0.1:3200/_next/static/chunks/4bd1b696-abc.js';
const frame = (functionName: string, url = '', lineNumber = 0, columnNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber,
});

// (root) → (program) | (idle) | (garbage collector) | marker | tick → measure, render
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5, 6] },
    { id: 2, callFrame: frame('(program)') },
    { id: 3, callFrame: frame('(idle)') },
    { id: 4, callFrame: frame('(garbage collector)') },
    { id: 5, callFrame: frame('__wheelhouseProfileMark', '', 3, 4), children: [9] },
    { id: 6, callFrame: frame('tick', chunk, 9, 19), children: [7, 8] },
    { id: 7, callFrame: frame('measure', chunk, 99, 4) },
    { id: 8, callFrame: frame('', chunk, 199, 0) },
    { id: 9, callFrame: frame('now') },
  ],
  // Profile clock in µs: starts at 1,000,000 µs (1,000 ms); samples every 1 ms.
  startTime: 1_000_000,
  endTime: 1_012_000,
  // t(ms, profile):1001 1002 1003 1004 1005 1006 1007 1008 1009 1010 1011
  samples: [3, 9, 5, 3, 7, 7, 4, 8, 2, 6, 3],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

// The marker began at page time 50 ms; its first sample is at profile time 1002 ms: offset -952 ms.
// Page time of the samples: 49 50 51 52 53 54 55 56 57 58 59.

describe('samplesOf', () => {
  it('accumulates the deltas and lets each sample stand until the next (the last until the end)', () => {
    const s = samplesOf(profile);
    expect(s[0]).toEqual({ node: 3, at: 1_001_000, us: 1000 });
    expect(s[10]).toEqual({ node: 3, at: 1_011_000, us: 1000 });
  });
});

describe('clockOffsetMs', () => {
  it('ties the clocks at the first sample with the marker on its stack', () => {
    expect(clockOffsetMs(profile, 50)).toBe(-952);
  });

  it('is undefined when no sample caught the marker', () => {
    expect(clockOffsetMs({ ...profile, samples: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3] }, 50)).toBeUndefined();
  });
});

describe('sourceLabel', () => {
  it('names the chunk with a 1-based line:column, a package from node_modules, or native', () => {
    expect(sourceLabel(frame('f', `${chunk}?v=1`, 9, 19))).toBe('4bd1b696-abc.js:10:20');
    expect(sourceLabel(frame('f', 'webpack://x/node_modules/@tanstack/virtual-core/dist/index.js', 1, 1))).toBe(
      '@tanstack/virtual-core',
    );
    expect(sourceLabel(frame('f', '/app/node_modules/react-dom/cjs/x.js'))).toBe('react-dom');
    expect(sourceLabel(frame('now'))).toBe('native');
  });
});

describe('summarizeScrollProfile', () => {
  const window = { markAtMs: 50, from: 50, to: 60, samplingIntervalUs: 1000 };

  it('splits the scroll into categories and functions by self time', () => {
    const p = summarizeScrollProfile(profile, { ...window, tasks: [] });
    expect(p.aligned).toBe(true);
    expect(p.longTasks).toBeUndefined();
    // Page 50..59 (59 is the last, standing until the end): now (under the marker, so script), marker, idle,
    // measure, measure, GC, anonymous, program, tick, idle.
    expect(p.whole).toEqual({
      sampledMs: 10,
      scriptMs: 6,
      programMs: 1,
      gcMs: 1,
      idleMs: 2,
      top: [
        { functionName: 'measure', source: '4bd1b696-abc.js:100:5', selfMs: 2 },
        { functionName: 'now', source: 'native', selfMs: 1 },
        { functionName: '__wheelhouseProfileMark', source: 'native', selfMs: 1 },
        { functionName: '(anonymous)', source: '4bd1b696-abc.js:200:1', selfMs: 1 },
        { functionName: 'tick', source: '4bd1b696-abc.js:10:20', selfMs: 1 },
      ],
    });
    expect(scrollProfileSchema.parse(p)).toEqual(p);
  });

  it('keeps only the samples inside the long tasks for their slice', () => {
    // Page 53..56: measure, measure, GC, anonymous.
    const p = summarizeScrollProfile(profile, { ...window, tasks: [{ start: 53, duration: 4 }] });
    expect(p.longTasks).toMatchObject({ tasks: 1, taskMs: 4, sampledMs: 4, scriptMs: 3, gcMs: 1, idleMs: 0 });
    expect(p.longTasks?.top.map((e) => e.functionName)).toEqual(['measure', '(anonymous)']);
  });

  it('without the marker: the whole profile, no long-task slice', () => {
    const blind = { ...profile, samples: [3, 2, 2, 3, 7, 7, 4, 8, 2, 6, 3] };
    const p = summarizeScrollProfile(blind, { ...window, tasks: [{ start: 53, duration: 4 }] });
    expect(p.aligned).toBe(false);
    expect(p.whole.sampledMs).toBe(11);
    expect(p.longTasks).toBeUndefined();
  });
});

describe('report', () => {
  it('gives shares and the first functions', () => {
    const p = summarizeScrollProfile(profile, {
      markAtMs: 50,
      from: 50,
      to: 60,
      samplingIntervalUs: 1000,
      tasks: [{ start: 53, duration: 4 }],
    });
    expect(describeSlice(p.longTasks!, 1)).toBe(
      '4 ms sampled: script 75 %, (program) 0 %, GC 25 %, idle 0 %; self time: measure (4bd1b696-abc.js:100:5) 2 ms',
    );
    const rows = scrollProfileRows(p);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe("scroll, profiled pass: where its long tasks' time goes (CPU profile; 1 tasks, 4 ms)");
    expect(scrollProfileRows(undefined)).toEqual([]);
  });
});
