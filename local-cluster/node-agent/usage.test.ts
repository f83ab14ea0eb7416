import { describe, expect, it } from 'vitest';

import { hash32 } from './hash';
import { cpuMillisAt, cpuSecondsBetween, memoryBytesAt, usageProfile } from './usage';

const steady = usageProfile('uid-1/web', { baseMillis: 50, ramp: undefined, memoryBytes: 64 * 2 ** 20 });
const ramped = usageProfile('uid-2/web', {
  baseMillis: 50,
  ramp: { targetMillis: 800, durationMs: 300_000 },
  memoryBytes: 1e8,
});

function numeric(p: typeof steady, a: number, b: number): number {
  const steps = 20_000;
  const dt = (b - a) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += cpuMillisAt(p, a + (i + 0.5) * dt) * dt;
  return sum / 1000;
}

describe('usage model', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(usageProfile('uid-1/web', { baseMillis: 50, ramp: undefined, memoryBytes: 1 })).toEqual(
      usageProfile('uid-1/web', { baseMillis: 50, ramp: undefined, memoryBytes: 1 }),
    );
    expect(hash32('a')).not.toBe(hash32('b'));
    expect(cpuMillisAt(steady, 10)).not.toBe(
      cpuMillisAt(usageProfile('uid-3/web', { baseMillis: 50, ramp: undefined, memoryBytes: 1 }), 10),
    );
  });

  it('wobbles around the baseline within ±15 % wobble and ±15 % scale', () => {
    for (let t = 0; t < 600; t += 7) {
      const v = cpuMillisAt(steady, t);
      expect(v).toBeGreaterThan(50 * 0.85 * 0.85 - 1e-9);
      expect(v).toBeLessThan(50 * 1.15 * 1.15 + 1e-9);
    }
  });

  it('ramps linearly to the target and stays there', () => {
    expect(cpuMillisAt(ramped, 0) / ramped.scale).toBeLessThan(50 * 1.16);
    expect(cpuMillisAt(ramped, 150) / ramped.scale).toBeGreaterThan(425 * 0.84);
    expect(cpuMillisAt(ramped, 1000) / ramped.scale).toBeGreaterThan(800 * 0.84);
  });

  it('integrates CPU time exactly (matches numeric integration)', () => {
    expect(cpuSecondsBetween(steady, 0, 120)).toBeCloseTo(numeric(steady, 0, 120), 4);
    expect(cpuSecondsBetween(ramped, 100, 500)).toBeCloseTo(numeric(ramped, 100, 500), 3);
    expect(cpuSecondsBetween(ramped, 500, 100)).toBe(0);
  });

  it('gives a monotonic counter', () => {
    let last = 0;
    for (let t = 0; t < 900; t += 13) {
      const v = cpuSecondsBetween(ramped, 0, t);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
  });

  it('keeps memory within 5 % wobble of the scaled baseline', () => {
    const m = memoryBytesAt(steady, 42);
    expect(m / (steady.scale * 64 * 2 ** 20)).toBeGreaterThan(0.949);
    expect(m / (steady.scale * 64 * 2 ** 20)).toBeLessThan(1.051);
  });
});
