import { describe, expect, it } from 'vitest';

import { formatBytes, formatCpu, formatResource, parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['1', 1],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['500k', 5e5],
    ['1e3', 1000],
    ['100n', 1e-7],
    ['.5', 0.5],
  ])('%s', (q, n) => {
    expect(parseQuantity(q)).toBeCloseTo(n, 12);
  });

  it.each(['', 'abc', '1Xi', '1 Mi', '--1'])('refuses %j', (q) => {
    expect(parseQuantity(q)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('prints cpu as kubectl does', () => {
    expect(formatCpu(0.25)).toBe('250m');
    expect(formatCpu(2)).toBe('2');
    expect(formatCpu(1.5)).toBe('1.5');
  });
  it('prints bytes in binary units', () => {
    expect(formatBytes(128 * 2 ** 20)).toBe('128Mi');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5Gi');
    expect(formatBytes(512)).toBe('512');
  });
  it('picks the unit from the resource name', () => {
    expect(formatResource('requests.cpu', 0.5)).toBe('500m');
    expect(formatResource('requests.memory', 2 ** 30)).toBe('1Gi');
    expect(formatResource('pods', 7)).toBe('7');
  });
});
