// Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format).

export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `{a="1",b="2"}` from ordered pairs; label names are trusted constants. */
export function labels(pairs: [string, string][]): string {
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return Number.isInteger(v) ? String(v) : v.toPrecision(12).replace(/\.?0+(e|$)/, '$1');
}

export function header(name: string, type: 'counter' | 'gauge', help: string): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;
}
