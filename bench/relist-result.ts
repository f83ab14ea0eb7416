import { z } from 'zod';

// Relist after a kube-apiserver restart (issue 14, target 5; bench/measure-relist.ts): the record's
// shape, the pure helpers that read it out of the samples and /api/metrics, the targets and the rows
// docs/benchmarks.md shows. The issue sets no time goal: it asks for the time until the cache is fresh
// again and the requests that cost, and that stale data is served, marked stale, meanwhile.

/** Wheelhouse's own counters (GET /api/metrics), summed over every kind of the cluster. */
export const relistCountersSchema = z.object({
  /** wheelhouse_k8s_reflector_lists_total: full LISTs (the first one, and every relist). */
  lists: z.number(),
  /** wheelhouse_k8s_reflector_relists_total: relists because the watch position expired (410). */
  relists: z.number(),
  /** wheelhouse_k8s_watch_restarts_total: watches reopened (any reason). */
  watchRestarts: z.number(),
  /** wheelhouse_k8s_requests_total: every request sent to the API server (list pages, watches, reviews…). */
  requests: z.number(),
  /** wheelhouse_k8s_connections_opened_total: new TCP/TLS connections. */
  connections: z.number(),
});

export type RelistCounters = z.infer<typeof relistCountersSchema>;

/** The list API and GET /api/clusters sampled while the API server was down. */
export const outageSamplesSchema = z.object({
  /** List API answers during the outage (from the old process's exit to the new one's spawn). */
  samples: z.number(),
  /** Of those: HTTP status → count. */
  statuses: z.record(z.string(), z.number()),
  /** 200 answers with items whose `cache.state` said "stale". */
  staleMarked: z.number(),
  /** 200 answers still saying "ready" more than `graceMs` after the stop (not marked stale). */
  unmarked: z.number(),
  /** Answers in the first `graceMs` after the stop are not judged: the watch may not have failed yet. */
  graceMs: z.number(),
  /** Items in the last 200 answer during the outage (the stale page still had data). */
  itemsServed: z.number(),
});

export const relistRunSchema = z.object({
  /** Pods in Wheelhouse's cache before the restart (GET /api/clusters, kind pods). */
  cachedPods: z.number(),
  /** How long the API server was kept stopped before starting it again. */
  downMs: z.number(),
  /** Stop requested → /readyz 200 again. */
  apiserverBackMs: z.number(),
  /** /readyz 200 → a marker pod created right then is in the list API's answer. */
  markerVisibleMs: z.number().nullable(),
  /** /readyz 200 → GET /api/clusters reports every kind of the cluster ready again. */
  clustersReadyMs: z.number().nullable(),
  /** Stop requested → marker visible (the whole time without fresh data). */
  freshAfterStopMs: z.number().nullable(),
  /** Counters after the cache was fresh minus before the restart. */
  cost: relistCountersSchema,
  outage: outageSamplesSchema,
  /** List API answers while the new API server started (spawn → /readyz 200): `cache.state` (or HTTP status) → count. */
  startup: z.record(z.string(), z.number()),
});

export type RelistRun = z.infer<typeof relistRunSchema>;

/** Sum of every sample of `name` whose labels contain each of `fragments` (Prometheus text). */
export function sumSamples(text: string, name: string, fragments: readonly string[] = []): number {
  let sum = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    const metric = brace >= 0 && brace < space ? line.slice(0, brace) : line.slice(0, line.indexOf(' '));
    if (metric !== name) continue;
    const labels = brace >= 0 && brace < space ? line.slice(brace, line.lastIndexOf('}') + 1) : '';
    if (!fragments.every((f) => labels.includes(f))) continue;
    const value = Number(line.slice(space + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** The counters of one cluster out of GET /api/metrics. */
export function relistCounters(text: string, cluster = 'local'): RelistCounters {
  const c = [`cluster="${cluster}"`];
  return {
    lists: sumSamples(text, 'wheelhouse_k8s_reflector_lists_total', c),
    relists: sumSamples(text, 'wheelhouse_k8s_reflector_relists_total', c),
    watchRestarts: sumSamples(text, 'wheelhouse_k8s_watch_restarts_total', c),
    requests: sumSamples(text, 'wheelhouse_k8s_requests_total', c),
    connections: sumSamples(text, 'wheelhouse_k8s_connections_opened_total', c),
  };
}

export function diffCounters(before: RelistCounters, after: RelistCounters): RelistCounters {
  return {
    lists: after.lists - before.lists,
    relists: after.relists - before.relists,
    watchRestarts: after.watchRestarts - before.watchRestarts,
    requests: after.requests - before.requests,
    connections: after.connections - before.connections,
  };
}

/** One list API answer sampled during the restart. */
export interface ListSample {
  /** performance.now() when the request was sent. */
  at: number;
  status: number;
  /** `cache.state` of a 200 answer. */
  state?: string;
  items?: number;
}

/**
 * Judges the samples taken between `stoppedAt` (stop requested) and `backAt` (/readyz 200): every one
 * should be a 200 with data, marked stale once `graceMs` have passed since the stop.
 */
export function outageSummary(
  samples: readonly ListSample[],
  stoppedAt: number,
  backAt: number,
  graceMs = 1000,
): z.infer<typeof outageSamplesSchema> {
  const during = samples.filter((s) => s.at >= stoppedAt && s.at <= backAt);
  const statuses: Record<string, number> = {};
  let staleMarked = 0;
  let unmarked = 0;
  let itemsServed = 0;
  for (const s of during) {
    statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
    if (s.status !== 200) continue;
    itemsServed = s.items ?? 0;
    if (s.state === 'stale') staleMarked++;
    else if (s.at - stoppedAt > graceMs) unmarked++;
  }
  return { samples: during.length, statuses, staleMarked, unmarked, graceMs, itemsServed };
}

/** What the list API said between `from` and `to`: `cache.state` of 200 answers, else `HTTP <status>`. */
export function statesBetween(samples: readonly ListSample[], from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of samples) {
    if (x.at < from || x.at > to) continue;
    const key = x.status === 200 ? (x.state ?? 'unknown') : `HTTP ${x.status}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const s = (ms: number | null) => (ms === null ? 'never (timed out)' : `${(ms / 1000).toFixed(1)} s`);

/** Target 5 as `{ id, name, target, value, met }` rows for the 'where each target stands' table. */
export function relistTargets(run: RelistRun | undefined) {
  if (!run) return [];
  const o = run.outage;
  const non200 = o.samples - (o.statuses['200'] ?? 0);
  return [
    {
      id: 'relist-fresh',
      name: `Cache fresh again after a kube-apiserver restart (${run.cachedPods.toLocaleString('en')} pods cached)`,
      target: 'measured (no goal set): time until fresh, and the requests it costs the API server',
      value:
        `marker visible ${s(run.markerVisibleMs)} after /readyz, all kinds ready after ${s(run.clustersReadyMs)}; ` +
        `${run.cost.lists} LISTs (${run.cost.relists} after 410), ${run.cost.watchRestarts} watch restarts, ` +
        `${run.cost.requests} requests`,
      met: run.markerVisibleMs !== null && run.clustersReadyMs !== null,
    },
    {
      id: 'relist-stale',
      name: 'Stale data, marked stale, while the kube-apiserver is down',
      target: 'every list answer 200 with data, marked stale',
      value:
        `${o.samples} answers during the outage: ${o.staleMarked} marked stale, ${o.unmarked} not marked, ` +
        `${non200} not 200; ${o.itemsServed} items in the last one`,
      met: o.samples > 0 && non200 === 0 && o.unmarked === 0 && o.staleMarked > 0 && o.itemsServed > 0,
    },
  ];
}

/** Measurement rows for docs/benchmarks.md (bench/report.ts). */
export function relistRows(run: RelistRun | undefined): string[][] {
  if (!run) return [];
  const o = run.outage;
  const statuses = Object.entries(o.statuses)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
  return [
    [
      `kube-apiserver restart (${run.cachedPods.toLocaleString('en')} pods cached, down ${s(run.downMs)})`,
      `API server back (/readyz) ${s(run.apiserverBackMs)} after the stop; then a new pod in the list API after ` +
        `${s(run.markerVisibleMs)}, \`GET /api/clusters\` all kinds ready after ${s(run.clustersReadyMs)}; ` +
        `${s(run.freshAfterStopMs)} without fresh data in all`,
    ],
    [
      'Requests the restart cost the API server (Wheelhouse counters)',
      `${run.cost.lists} full LISTs (${run.cost.relists} after 410 Gone), ${run.cost.watchRestarts} watch restarts, ` +
        `${run.cost.requests} requests, ${run.cost.connections} new connections`,
    ],
    [
      'List API during the outage',
      `${o.samples} answers (${statuses || 'none'}): ${o.staleMarked} marked stale, ${o.unmarked} still "ready" ` +
        `${o.graceMs} ms after the stop; ${o.itemsServed} items in the last answer; while the new API server ` +
        `started: ${
          Object.entries(run.startup)
            .map(([k, v]) => `${v}× ${k}`)
            .join(', ') || 'no answers'
        }`,
    ],
  ];
}
