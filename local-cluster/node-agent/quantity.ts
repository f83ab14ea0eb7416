// Parsing and formatting of the few Kubernetes quantities and Go durations the agent reads from
// pod specs and annotations. Mirrors k8s.io/apimachinery resource.Quantity for the suffixes in use
// (https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go) and Go's
// time.ParseDuration (https://pkg.go.dev/time#ParseDuration).

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** A quantity as a plain number of base units (cores, bytes); undefined when it does not parse. */
export function parseQuantity(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, num = '', exponent, suffix = ''] = match;
  const value = Number(num);
  if (exponent) return value * 10 ** Number(exponent.slice(1));
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return factor === undefined ? undefined : value * factor;
}

/** CPU in millicores ("50m" → 50, "1" → 1000, "0.25" → 250). */
export function parseCpuMillis(text: string | undefined): number | undefined {
  const cores = parseQuantity(text);
  return cores === undefined || cores < 0 ? undefined : cores * 1000;
}

/** Memory in bytes ("64Mi" → 67108864). */
export function parseBytes(text: string | undefined): number | undefined {
  const bytes = parseQuantity(text);
  return bytes === undefined || bytes < 0 ? undefined : bytes;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("3s", "1m30s", "500ms") in milliseconds; undefined when it does not parse. */
export function parseDurationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = text.trim();
  if (s === '0') return 0;
  const part = /(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    part.lastIndex = pos;
    const match = part.exec(s);
    if (!match) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? NaN);
    pos = part.lastIndex;
  }
  return pos === 0 || !Number.isFinite(total) ? undefined : total;
}

/** CPU for metrics.k8s.io, in nanocores like metrics-server ("123456789n"). */
export function formatCpuNanos(millis: number): string {
  return `${Math.max(0, Math.round(millis * 1e6))}n`;
}

/** Memory for metrics.k8s.io, in KiB like metrics-server ("65536Ki"). */
export function formatMemoryKi(bytes: number): string {
  return `${Math.max(0, Math.round(bytes / 1024))}Ki`;
}
