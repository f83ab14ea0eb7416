import { describe, expect, it } from 'vitest';

import { ageRefreshMs, clockRefreshMs, formatAge, humanDuration } from './age';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration (kubectl AGE)', () => {
  // Each pair sits on or next to one of HumanDuration's thresholds, so an off-by-one shows up here.
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [-999, '0s'],
    [0, '0s'],
    [1 * s, '1s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m - 1, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 1 * m, '3h1m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [2 * d + 1 * h, '2d1h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [2 * y - 1 * d, '729d'],
    [2 * y, '2y'],
    [2 * y + 1 * d, '2y1d'],
    [8 * y - 1 * d, '7y364d'],
    [8 * y, '8y'],
    [15 * y, '15y'],
  ])('%d ms → %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('formatAge', () => {
  const now = '2025-06-01T12:00:00Z';

  it('measures from creation to the given instant', () => {
    expect(formatAge('2025-06-01T11:55:00Z', now)).toBe('5m');
    expect(formatAge('2025-06-01T09:00:00Z', now)).toBe('3h');
    expect(formatAge('2025-05-20T12:00:00Z', now)).toBe('12d');
  });

  it('accepts Date objects', () => {
    expect(formatAge(new Date('2025-06-01T11:59:30Z'), new Date(now))).toBe('30s');
  });

  it('says <unknown> for missing or unparseable timestamps', () => {
    expect(formatAge(undefined, now)).toBe('<unknown>');
    expect(formatAge('not a date', now)).toBe('<unknown>');
  });
});

describe('ageRefreshMs (redraw at the granularity shown)', () => {
  // The pod: 601.7 s old reads "10m" and next changes at 11m; at 9m53.3s it shows seconds.
  it.each([
    [593.3 * s, 0.7 * s],
    [601.7 * s, 58.3 * s],
    [8 * h - 1 * s, 1 * s],
    [8 * h + 10 * m, 50 * m],
    [8 * d + 1 * h, 23 * h],
    [-5 * s, 1 * s],
  ])('an age of %d ms next changes in %d ms', (age, wait) => {
    expect(ageRefreshMs(age)).toBeCloseTo(wait, 6);
  });

  it('waits exactly until humanDuration prints something else', () => {
    for (const age of [5 * s + 300, 9 * m + 59 * s, 2 * h + 3 * m + 7 * s, 3 * d + 4 * h + 5 * m]) {
      const wait = ageRefreshMs(age);
      expect(humanDuration(age + wait - 1)).toBe(humanDuration(age));
      expect(humanDuration(age + wait)).not.toBe(humanDuration(age));
    }
  });
});

describe('clockRefreshMs (the AGE clock of a table)', () => {
  const now = Date.parse('2026-11-24T13:10:00Z');
  it('follows the youngest time shown', () => {
    // a pod 9m53.3s old among hour-old ones: it shows seconds, so the next redraw is in 0.7 s
    const times = ['2026-11-24T12:00:00Z', undefined, '2026-11-24T13:00:06.700Z', 'not a time'];
    expect(clockRefreshMs(times, now)).toBe(700);
    expect(clockRefreshMs(['2026-11-24T12:00:00Z'], now)).toBe(60 * 1000);
  });

  it('waits a minute when there is nothing to show', () => {
    expect(clockRefreshMs([], now)).toBe(60 * 1000);
    expect(clockRefreshMs([undefined], now)).toBe(60 * 1000);
  });
});
