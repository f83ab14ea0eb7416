import { describe, expect, it } from 'vitest';

import { poissonSchedule, rng } from './measure-users';

describe('open-loop user schedule', () => {
  it('is deterministic for a seed and stays in [0, 1)', () => {
    const a = rng(7);
    const b = rng(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it('sends about rate × seconds requests, ascending, inside the window, with uneven gaps', () => {
    const times = poissonSchedule(100, 60, rng(1));
    expect(times.length).toBeGreaterThan(5700);
    expect(times.length).toBeLessThan(6300);
    expect(times.every((t, i) => t >= 0 && t < 60_000 && (i === 0 || t >= times[i - 1]!))).toBe(true);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Exponential gaps: mean 10 ms, and a good share far shorter than the mean (arrivals coincide).
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(mean).toBeGreaterThan(9);
    expect(mean).toBeLessThan(11);
    expect(gaps.filter((g) => g < 2).length / gaps.length).toBeGreaterThan(0.1);
  });
});
