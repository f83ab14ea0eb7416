import { describe, expect, it } from 'vitest';

import { percentile, round, summarize } from './stats';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('uses the nearest rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 95)).toBe(30);
  });

  it('returns the only sample for any percentile and NaN for none', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 100)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('rejects percentiles outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts unsorted samples and reports count, percentiles, max and mean', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toEqual({ count: 5, p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
  });

  it('rounds to 0.1 ms', () => {
    expect(summarize([1.234, 1.26]).mean).toBe(1.2);
    expect(round(12.345, 2)).toBe(12.35);
  });

  it('gives NaN values for no samples', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p95).toBeNaN();
    expect(s.mean).toBeNaN();
  });
});
