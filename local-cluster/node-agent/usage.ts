// Deterministic resource usage for a simulated container: a baseline (or a linear CPU ramp for
// HPA demos) with a slow wobble whose phase, period and scale are seeded by the pod uid and
// container name. CPU seconds are the closed-form integral of the rate, so the cAdvisor counter
// is exact, monotonic and needs no per-series state.
import type { CpuRamp } from './behaviour';
import { hash32 } from './hash';

export interface UsageProfile {
  baseMillis: number;
  ramp: CpuRamp | undefined;
  memoryBytes: number;
  /** Per-container scale in [0.85, 1.15], so replicas differ a little. */
  scale: number;
  cpuAmplitude: number;
  cpuOmega: number;
  cpuPhase: number;
  memOmega: number;
  memPhase: number;
}

/** Deterministic numbers in [0, 1) from a seed (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function usageProfile(
  seed: string,
  cpu: { baseMillis: number; ramp: CpuRamp | undefined; memoryBytes: number },
): UsageProfile {
  const rnd = random(hash32(seed));
  return {
    ...cpu,
    scale: 0.85 + 0.3 * rnd(),
    cpuAmplitude: 0.15,
    cpuOmega: (2 * Math.PI) / (60 + 120 * rnd()),
    cpuPhase: 2 * Math.PI * rnd(),
    memOmega: (2 * Math.PI) / (300 + 300 * rnd()),
    memPhase: 2 * Math.PI * rnd(),
  };
}

interface Segment {
  from: number;
  to: number;
  /** base(t) = c + k·t on [from, to) */
  c: number;
  k: number;
}

function segments(p: UsageProfile): Segment[] {
  const ramp = p.ramp;
  if (!ramp || ramp.durationMs <= 0) return [{ from: 0, to: Infinity, c: ramp?.targetMillis ?? p.baseMillis, k: 0 }];
  const r = ramp.durationMs / 1000;
  const k = (ramp.targetMillis - p.baseMillis) / r;
  return [
    { from: 0, to: r, c: p.baseMillis, k },
    { from: r, to: Infinity, c: ramp.targetMillis, k: 0 },
  ];
}

/** Base CPU (before scale and wobble) in millicores, `t` seconds after the pod started. */
function baseAt(p: UsageProfile, t: number): number {
  const seg = segments(p).find((s) => t < s.to) ?? { c: p.baseMillis, k: 0 };
  return seg.c + seg.k * t;
}

/** CPU rate in millicores at `t` seconds after the pod started. */
export function cpuMillisAt(p: UsageProfile, t: number): number {
  const time = Math.max(0, t);
  return p.scale * baseAt(p, time) * (1 + p.cpuAmplitude * Math.sin(p.cpuOmega * time + p.cpuPhase));
}

/** Antiderivative of (c + k t)(1 + A sin(ωt + φ)). */
function antiderivative(p: UsageProfile, s: Segment, t: number): number {
  const w = p.cpuOmega;
  const angle = w * t + p.cpuPhase;
  const wobble = (-(s.c + s.k * t) * Math.cos(angle)) / w + (s.k * Math.sin(angle)) / (w * w);
  return s.c * t + (s.k * t * t) / 2 + p.cpuAmplitude * wobble;
}

/** CPU time in core-seconds used between `a` and `b` seconds after the pod started. */
export function cpuSecondsBetween(p: UsageProfile, a: number, b: number): number {
  const from = Math.max(0, a);
  const to = Math.max(from, b);
  let millisSeconds = 0;
  for (const s of segments(p)) {
    const lo = Math.max(from, s.from);
    const hi = Math.min(to, s.to);
    if (hi > lo) millisSeconds += antiderivative(p, s, hi) - antiderivative(p, s, lo);
  }
  return (p.scale * millisSeconds) / 1000;
}

/** Working-set bytes at `t` seconds after the pod started. */
export function memoryBytesAt(p: UsageProfile, t: number): number {
  return Math.round(p.scale * p.memoryBytes * (1 + 0.05 * Math.sin(p.memOmega * Math.max(0, t) + p.memPhase)));
}
