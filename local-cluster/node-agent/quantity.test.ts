import { describe, expect, it } from 'vitest';

import { formatCpuNanos, formatMemoryKi, parseBytes, parseCpuMillis, parseDurationMs, parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['1', 1],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['250m', 0.25],
    ['100n', 1e-7],
    ['1k', 1000],
    ['64Mi', 64 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1e3', 1000],
    ['2E', 2e18],
  ])('%s → %d', (text, want) => {
    expect(parseQuantity(text)).toBeCloseTo(want, 12);
  });

  it.each(['', 'abc', '1Xi', '5 m', 'm'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('cpu and memory', () => {
  it('reads millicores and bytes', () => {
    expect(parseCpuMillis('50m')).toBeCloseTo(50);
    expect(parseCpuMillis('2')).toBe(2000);
    expect(parseCpuMillis('-1')).toBeUndefined();
    expect(parseBytes('64Mi')).toBe(67_108_864);
    expect(parseBytes(undefined)).toBeUndefined();
  });

  it('formats like metrics-server', () => {
    expect(formatCpuNanos(123.456)).toBe('123456000n');
    expect(formatCpuNanos(-1)).toBe('0n');
    expect(formatMemoryKi(64 * 2 ** 20)).toBe('65536Ki');
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['3s', 3000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['0', 0],
    ['0s', 0],
  ])('%s → %d ms', (text, want) => {
    expect(parseDurationMs(text)).toBe(want);
  });

  it.each(['', '3', 's', '3x', '3s 2s', '-3s'])('rejects %j', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});
