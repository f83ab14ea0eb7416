// Axis and tooltip formatting for metric values. Pure, shared by charts and tests.

import type { MetricUnit } from '@/lib/metrics/types';

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

export function formatCores(cores: number): string {
  if (cores === 0) return '0';
  if (Math.abs(cores) < 1) return `${trim(cores * 1000, cores * 1000 < 10 ? 1 : 0)}m`;
  return trim(cores, 2);
}

const BYTE_UNITS = ['B', 'Ki', 'Mi', 'Gi', 'Ti'];

export function formatBytes(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${trim(v, v < 10 ? 1 : 0)}${BYTE_UNITS[i]}`;
}

export function formatMetric(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'cores':
      return formatCores(value);
    case 'bytes':
      return formatBytes(value);
    case 'percent':
      return `${trim(value, 0)}%`;
    case 'count':
      return trim(value, value < 10 ? 1 : 0);
  }
}

/** HH:mm for ranges within a day, "MMM d HH:mm" beyond. Times are shown in UTC, like the rest of the UI. */
export function formatTick(unixSeconds: number, rangeSeconds: number): string {
  const iso = new Date(unixSeconds * 1000).toISOString();
  if (rangeSeconds <= 86_400) return iso.slice(11, 16);
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** About `count` evenly spaced ticks in [start, end] (recharts picks too few on a time-scaled number axis). */
export function timeTicks(start: number, end: number, count = 5): number[] {
  if (end <= start || count < 2) return [start, end];
  const step = (end - start) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(start + i * step));
}

export interface MarkerGroup {
  t: number;
  label: string;
  key: string;
}

/**
 * Revision starts closer together than `minGap` seconds share one line labelled "rev 1–3", so that
 * a burst of rollouts does not print labels over each other. Input sorted by time.
 */
export function groupMarkers(
  markers: readonly { t: number; revision: number; name: string }[],
  minGap: number,
): MarkerGroup[] {
  const groups: { t: number; first: number; last: number; key: string }[] = [];
  for (const m of markers) {
    const g = groups.at(-1);
    if (g && m.t - g.t < minGap) {
      g.t = m.t;
      g.last = m.revision;
      g.key += `+${m.name}`;
    } else {
      groups.push({ t: m.t, first: m.revision, last: m.revision, key: m.name });
    }
  }
  return groups.map((g) => ({
    t: g.t,
    key: g.key,
    label: g.first === g.last ? `rev ${g.first}` : `rev ${g.first}–${g.last}`,
  }));
}
