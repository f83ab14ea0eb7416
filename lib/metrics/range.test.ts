import { describe, expect, it } from 'vitest';

import { METRIC_RANGES, PROMETHEUS_MAX_POINTS, cacheTtlSeconds, planRange } from './range';

const now = 1_800_000_007;

describe('planRange', () => {
  it('uses the scrape interval when the range is short', () => {
    const plan = planRange({ rangeSeconds: METRIC_RANGES['15m'], points: 240, scrapeSeconds: 5, now });
    expect(plan.step).toBe(5);
    // max(step + scrape, 4 × scrape) = max(10, 20)
    expect(plan.window).toBe(20);
  });

  it('uses range / points when that is longer than a scrape', () => {
    const plan = planRange({ rangeSeconds: METRIC_RANGES['7d'], points: 240, scrapeSeconds: 30, now });
    expect(plan.step).toBe(2520);
    expect(plan.window).toBe(2550);
  });

  it('aligns start and end to the step so that nearby requests share a cache entry', () => {
    const a = planRange({ rangeSeconds: 3600, points: 240, scrapeSeconds: 5, now });
    const b = planRange({ rangeSeconds: 3600, points: 240, scrapeSeconds: 5, now: now + 2 });
    expect(a.step).toBe(15);
    expect(a.end % a.step).toBe(0);
    expect(a.end - a.start).toBe(3600);
    expect(b).toEqual(a);
  });

  it('stays under the Prometheus point limit whatever the caller asks for', () => {
    const plan = planRange({ rangeSeconds: METRIC_RANGES['7d'], points: 1_000_000, scrapeSeconds: 1, now });
    expect((plan.end - plan.start) / plan.step + 1).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
    expect((plan.end - plan.start) / (plan.step - 1) + 1).toBeGreaterThan(PROMETHEUS_MAX_POINTS);
  });

  it('rounds fractional inputs up to whole seconds', () => {
    const plan = planRange({ rangeSeconds: 1000, points: 3, scrapeSeconds: 2.5, now });
    expect(plan.step).toBe(334);
    expect(plan.window).toBe(337);
  });
});

describe('cacheTtlSeconds', () => {
  it('is about one step, between 5 and 60 seconds', () => {
    expect(cacheTtlSeconds({ step: 1 })).toBe(5);
    expect(cacheTtlSeconds({ step: 15 })).toBe(15);
    expect(cacheTtlSeconds({ step: 2520 })).toBe(60);
  });
});
