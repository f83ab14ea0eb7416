// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): "250m", "1.5", "128Mi",
// "1G", "1e3". Parsed to plain numbers in base units (cores, bytes, counts) for sums and bars; the
// float is exact enough for display (bars, "62%"), never for writing a quantity back.

const SUFFIX: Record<string, number> = {
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
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The quantity in base units, or undefined when it is not a quantity. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  return n * (SUFFIX[m[3] ?? ''] ?? 1);
}

/** CPU cores as kubectl prints them: "250m" below one core, "1.5" above. */
export function formatCpu(cores: number): string {
  if (cores === 0) return '0';
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return `${Math.round(cores * 100) / 100}`;
}

/** Bytes in binary units ("512Mi", "1.5Gi"), as requests are usually written. */
export function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Math.round(v * 10) / 10}${units[i]}`;
}

/** A resource amount in its natural unit: cpu as cores, memory/storage as bytes, the rest as counts. */
export function formatResource(resource: string, value: number): string {
  if (resource === 'cpu' || resource.endsWith('.cpu')) return formatCpu(value);
  if (/memory|storage/.test(resource)) return formatBytes(value);
  return `${Math.round(value * 100) / 100}`;
}
