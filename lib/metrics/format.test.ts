import { describe, expect, it } from 'vitest';

import { formatBytes, formatCores, formatMetric, formatTick, groupMarkers, timeTicks } from './format';

describe('metric formatting', () => {
  it('shows CPU in millicores below one core', () => {
    expect(formatCores(0.1)).toBe('100m');
    expect(formatCores(0.0042)).toBe('4.2m');
    expect(formatCores(1.234)).toBe('1.23');
    expect(formatCores(0)).toBe('0');
  });

  it('shows memory in binary units', () => {
    expect(formatBytes(64 * 1024 * 1024)).toBe('64Mi');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5Gi');
    expect(formatBytes(512)).toBe('512B');
  });

  it('formats by unit and ticks by range', () => {
    expect(formatMetric(157.4, 'percent')).toBe('157%');
    expect(formatMetric(3, 'count')).toBe('3');
    expect(formatTick(1_800_000_000, 3600)).toBe('08:00');
    expect(formatTick(1_800_000_000, 7 * 86_400)).toBe('01-15 08:00');
  });
});

describe('timeTicks and groupMarkers', () => {
  it('spreads ticks evenly over the range', () => {
    expect(timeTicks(0, 100, 5)).toEqual([0, 25, 50, 75, 100]);
  });

  it('labels revision starts that fall together as one range', () => {
    const m = (t: number, revision: number) => ({ t, revision, name: `rs-${revision}` });
    expect(groupMarkers([m(0, 1), m(10, 2), m(20, 3), m(1000, 4)], 60)).toEqual([
      { t: 20, label: 'rev 1–3', key: 'rs-1+rs-2+rs-3' },
      { t: 1000, label: 'rev 4', key: 'rs-4' },
    ]);
  });
});
