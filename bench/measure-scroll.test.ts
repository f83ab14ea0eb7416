import { describe, expect, it } from 'vitest';

import { scrollStep, summarizeFrames, summarizeLongTasks } from './measure-scroll';

describe('summarizeLongTasks', () => {
  const tasks = [
    { start: 10, duration: 120 },
    { start: 500, duration: 50 }, // exactly 50 ms is not a long task
    { start: 600, duration: 80.44 },
    { start: 900, duration: 200 },
  ];

  it('counts tasks over 50 ms inside the window, with total and max', () => {
    expect(summarizeLongTasks(tasks, 400, 900)).toEqual({ count: 1, totalMs: 80.4, maxMs: 80.4 });
    expect(summarizeLongTasks(tasks, -Infinity, 400)).toEqual({ count: 1, totalMs: 120, maxMs: 120 });
    expect(summarizeLongTasks(tasks)).toEqual({ count: 3, totalMs: 400.4, maxMs: 200 });
  });

  it('is zero without tasks', () => {
    expect(summarizeLongTasks([])).toEqual({ count: 0, totalMs: 0, maxMs: 0 });
  });
});

describe('summarizeFrames', () => {
  it('derives fps and the longest gap', () => {
    expect(summarizeFrames([0, 16, 32, 100, 116])).toEqual({ frames: 5, fps: 34.5, maxGapMs: 68 });
  });

  it('has no rate for fewer than two frames', () => {
    expect(summarizeFrames([5])).toEqual({ frames: 1, fps: 0, maxGapMs: 0 });
  });
});

describe('scrollStep', () => {
  it('spreads the height over the duration at 60 frames/s, at least one row', () => {
    expect(scrollStep(400_000, 10)).toBe(667);
    expect(scrollStep(1000, 10)).toBe(40);
  });
});
