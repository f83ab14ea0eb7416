// Prometheus durations ("5s", "1m30s", "2h") → seconds. Mirrors model.ParseDuration in
// https://github.com/prometheus/common/blob/main/model/time.go (units ms, s, m, h, d, w, y).

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  y: 31_536_000,
};

const PART = /(\d+)(ms|s|m|h|d|w|y)/g;

/** Seconds, or undefined when the text is not a Prometheus duration. */
export function parsePromDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, n, unit] of trimmed.matchAll(PART)) total += Number(n) * (UNIT_SECONDS[unit ?? 's'] ?? 0);
  return total > 0 ? total : undefined;
}
