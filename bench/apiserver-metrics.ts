// Reading kube-apiserver's Prometheus text (/metrics) for the two families the benchmark needs:
// `apiserver_request_total` (completed requests by verb and resource) and
// `apiserver_longrunning_gauge` (requests open right now; WATCH = watches held).
// Counters are compared as differences between two scrapes taken around a run.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of the named metric families; comments and other families are skipped. */
export function parseSamples(text: string, names: ReadonlySet<string>): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m || !names.has(m[1] ?? '')) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1] ?? ''] = (l[2] ?? '').replace(/\\(.)/g, '$1');
    const value = Number(m[3]);
    if (Number.isFinite(value)) out.push({ name: m[1] ?? '', labels, value });
  }
  return out;
}

/** "LIST pods", "PATCH pods/status", "WATCH deployments": the key requests are counted under. */
export function requestKey(labels: Record<string, string>): string {
  const resource = labels.subresource ? `${labels.resource}/${labels.subresource}` : (labels.resource ?? '');
  return `${labels.verb ?? '?'} ${resource || '(none)'}`.trim();
}

export type Counts = Record<string, number>;

/** Completed requests by verb and resource, summed over codes, scopes, versions and content types. */
export function requestCounts(text: string): Counts {
  const counts: Counts = {};
  for (const s of parseSamples(text, new Set(['apiserver_request_total']))) {
    const key = requestKey(s.labels);
    counts[key] = (counts[key] ?? 0) + s.value;
  }
  return counts;
}

/** Watches open right now by resource (apiserver_longrunning_gauge{verb="WATCH"}). */
export function openWatches(text: string): Counts {
  const counts: Counts = {};
  for (const s of parseSamples(text, new Set(['apiserver_longrunning_gauge']))) {
    if (s.labels.verb !== 'WATCH') continue;
    const key = s.labels.resource ?? '(none)';
    counts[key] = (counts[key] ?? 0) + s.value;
  }
  return counts;
}

/** after − before for every key whose value changed (a counter reset shows as negative). */
export function diffCounts(before: Counts, after: Counts): Counts {
  const out: Counts = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[key] ?? 0) - (before[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export function total(counts: Counts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** The sum over keys whose verb (the part before the space) is `verb`. */
export function totalForVerb(counts: Counts, verb: string): number {
  return total(Object.fromEntries(Object.entries(counts).filter(([k]) => k.split(' ')[0] === verb)));
}
