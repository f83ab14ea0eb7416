// The server's own Prometheus metrics (`GET /api/metrics` with the bearer token), scraped after the
// warm run: the whole text is kept in the result, and a trimmed excerpt goes into docs/benchmarks.md.
// Which series the excerpt keeps: docs/operations-metrics-and-logs.md describes each of them.

/** The list route's pattern, as the server labels it (server/observability/http.ts). */
export const LIST_ROUTE = '/api/k8s/[cluster]/[kind]';

const HTTP_DURATION = 'wheelhouse_http_request_duration_seconds';

/**
 * The excerpt's groups, in the order it shows them: a sample line joins the first group whose test
 * it passes. The list route's histogram keeps count and sum for every status and buckets for 2xx only
 * (enough to read the latency distribution; a stray 404's buckets are noise). The cache state keeps
 * only the current state (value 1), so a reader sees "ready" without the three states it is not in.
 */
const GROUPS: ((name: string, line: string) => boolean)[] = [
  (n, l) =>
    n.startsWith(HTTP_DURATION) &&
    l.includes(`route="${LIST_ROUTE}"`) &&
    (!n.endsWith('_bucket') || /status="2\d\d"/.test(l)),
  (n) => n === 'wheelhouse_k8s_cache_objects',
  (n, l) => n === 'wheelhouse_k8s_cache_state' && / 1$/.test(l),
  (n) =>
    n === 'wheelhouse_k8s_reflector_lists_total' ||
    n === 'wheelhouse_k8s_reflector_relists_total' ||
    n === 'wheelhouse_k8s_watch_restarts_total',
  (n) => n === 'wheelhouse_access_reviews_total',
  (n) => n === 'wheelhouse_streams_open' || n.startsWith('wheelhouse_stream_'),
  (n) => n === 'wheelhouse_signin_total' || n === 'wheelhouse_sessions_revoked_total',
  (n) => n.startsWith('wheelhouse_audit_'),
  (n) => n === 'process_resident_memory_bytes',
];

/** The metric name of a sample line (`name{labels} value` or `name value`). */
function sampleName(line: string): string {
  const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  return m?.[0] ?? '';
}

/**
 * The excerpt: sample lines (no `# HELP`/`# TYPE`) of the list route's request duration, the caches,
 * relists and watch restarts, access reviews, streams, sign-ins, audit and the process's resident
 * memory, grouped in that order. Other routes, Node's heap and GC series and the rest stay in the full
 * text only. A series that was never used has no sample, so it is absent here too.
 */
export function trimMetrics(text: string): string {
  const groups: string[][] = GROUPS.map(() => []);
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const name = sampleName(line);
    const group = GROUPS.findIndex((keep) => keep(name, line));
    if (group >= 0) groups[group]?.push(line);
  }
  return groups.flat().join('\n');
}

/** One sample's value from the text, by metric name and (optionally) a label fragment it must contain. */
export function sampleValue(text: string, name: string, labelFragment = ''): number | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || sampleName(line) !== name || !line.includes(labelFragment)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

/** `GET /api/metrics` with the bearer token; throws on anything but 200. */
export async function scrapeMetrics(baseUrl: string, token: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/metrics: HTTP ${res.status} ${text.slice(0, 200)}`);
  return text;
}
