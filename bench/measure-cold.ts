import type { KubeHttp } from './kube-http';
import { sleep } from './pool';
import { serverRss, type RunningServer } from './server';
import { sampleValue, scrapeMetrics } from './server-metrics';

// Cold start: how long from spawning the server until it is ready (startServer waits for /api/readyz,
// which needs the cluster's caches listed) and until it serves the first page of all pods, next to
// what the raw LIST of all pods costs on the same cluster (as admin, no cache in between).

type Log = (msg: string) => void;

/** The `continue` token of a list response, from its first bytes (no need to parse 2 MB of JSON). */
export function continueToken(body: string): string {
  const m = /"continue"\s*:\s*"([^"]*)"/.exec(body.slice(0, 2048));
  return m?.[1] ?? '';
}

export interface RawListTimes {
  rawListMs: number;
  rawListBytes: number;
  rawPagedMs: number;
  rawPagedRequests: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
}

/** Median of three full LISTs (`GET /api/v1/pods`) and of three paginated ones (limit=500). */
export async function measureRawList(kube: KubeHttp, log: Log): Promise<RawListTimes> {
  const full: number[] = [];
  const paged: number[] = [];
  let bytes = 0;
  let requests = 0;
  for (let i = 0; i < 3; i++) {
    const res = await kube.request('GET', '/api/v1/pods', { keepBody: false });
    if (res.status !== 200) throw new Error(`GET /api/v1/pods: HTTP ${res.status}`);
    full.push(res.ms);
    bytes = res.bytes;
    const started = performance.now();
    let cont = '';
    requests = 0;
    do {
      const page = await kube.request(
        'GET',
        `/api/v1/pods?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
      );
      if (page.status !== 200) throw new Error(`GET /api/v1/pods?limit=500: HTTP ${page.status}`);
      requests++;
      cont = continueToken(page.body);
    } while (cont);
    paged.push(performance.now() - started);
  }
  const result = {
    rawListMs: median(full),
    rawListBytes: bytes,
    rawPagedMs: median(paged),
    rawPagedRequests: requests,
  };
  log(
    `raw GET /api/v1/pods: ${Math.round(result.rawListMs)} ms (${(bytes / 2 ** 20).toFixed(1)} MiB); ` +
      `paginated: ${Math.round(result.rawPagedMs)} ms in ${requests} requests`,
  );
  return result;
}

export interface ColdResult {
  /** Spawn → /api/readyz 200. */
  readyMs: number;
  signInMs: number;
  firstPageMs: number;
  firstPageRequestMs: number;
  baselineRss: number;
  headers: Record<string, string>;
  firstPage: { total: number; items: unknown[] };
  /**
   * The cold cache apart from process boot, from the server's own metrics (scraped right after the
   * first page; absent without a metrics token, or from a server without the gauges):
   * spawn → the pods LIST started (Node, Next.js, audit database, discovery: the server's boot).
   */
  spawnToPodsListMs?: number;
  /** The pods LIST started → stored whole (the API server's pages, and our transform and indexes meanwhile). */
  podsListMs?: number;
  /** The pods LIST started → the first page answered (what the cold cache costs a person beyond boot). */
  podsListToFirstPageMs?: number;
}

/** When the server's current LIST of pods started and was stored whole (epoch ms), from its /api/metrics. */
export function podsListTimes(metrics: string): { startedAt?: number; syncedAt?: number } {
  const at = (name: string) => {
    const seconds = sampleValue(metrics, name, 'kind="pods"');
    return seconds === undefined ? undefined : seconds * 1000;
  };
  return {
    startedAt: at('wheelhouse_k8s_cache_list_started_timestamp_seconds'),
    syncedAt: at('wheelhouse_k8s_cache_list_synced_timestamp_seconds'),
  };
}

/** The cold fields from the pods LIST times and the wall-clock times of spawn and first page. */
export function coldCacheFields(
  list: { startedAt?: number; syncedAt?: number },
  spawnedAtEpochMs: number,
  firstPageAtEpochMs: number,
): Pick<ColdResult, 'spawnToPodsListMs' | 'podsListMs' | 'podsListToFirstPageMs'> {
  if (list.startedAt === undefined) return {};
  return {
    spawnToPodsListMs: list.startedAt - spawnedAtEpochMs,
    podsListMs: list.syncedAt === undefined ? undefined : list.syncedAt - list.startedAt,
    podsListToFirstPageMs: firstPageAtEpochMs - list.startedAt,
  };
}

export async function measureCold(
  server: RunningServer,
  authenticate: (baseUrl: string) => Promise<Record<string, string>>,
  log: Log,
  /** The server's WHEELHOUSE_METRICS_TOKEN: with it, the pods LIST times are read from /api/metrics. */
  metricsToken?: string,
): Promise<ColdResult> {
  const readyMs = server.readyMs;
  const signInStarted = performance.now();
  const headers = await authenticate(server.baseUrl);
  const signInMs = performance.now() - signInStarted;
  // Loads the list route's code (an unknown kind: 404, no watch started), so that the baseline is
  // the ready server (caches listed) with its code loaded and no page served yet.
  await fetch(`${server.baseUrl}/api/k8s/local/bench-probe`, { headers }).then((r) => r.body?.cancel());
  const baselineRss = serverRss(server.pid);
  const deadline = performance.now() + 180_000;
  for (;;) {
    const started = performance.now();
    const res = await fetch(`${server.baseUrl}/api/k8s/local/pods?limit=50`, { headers });
    const text = await res.text();
    const done = performance.now();
    const doneAtEpochMs = Date.now();
    if (res.status === 200) {
      const firstPage = JSON.parse(text) as ColdResult['firstPage'];
      // The server's clock and ours are the same machine's: its epoch timestamps line up with ours.
      const list = metricsToken ? podsListTimes(await scrapeMetrics(server.baseUrl, metricsToken)) : {};
      const result: ColdResult = {
        readyMs,
        signInMs,
        firstPageMs: done - server.spawnedAt,
        firstPageRequestMs: done - started,
        baselineRss,
        headers,
        firstPage,
        ...coldCacheFields(list, doneAtEpochMs - (done - server.spawnedAt), doneAtEpochMs),
      };
      const cache =
        result.podsListToFirstPageMs === undefined
          ? ''
          : `; spawn → pods LIST ${Math.round(result.spawnToPodsListMs ?? 0)} ms, LIST → stored ` +
            `${result.podsListMs === undefined ? '?' : Math.round(result.podsListMs)} ms, LIST → first page ` +
            `${Math.round(result.podsListToFirstPageMs)} ms`;
      log(
        `cold: ready after ${Math.round(readyMs)} ms, signed in in ${Math.round(signInMs)} ms, first page of ${firstPage.total} pods after ` +
          `${Math.round(result.firstPageMs)} ms (request ${Math.round(result.firstPageRequestMs)} ms)${cache}`,
      );
      return result;
    }
    log(`  first page: HTTP ${res.status} ${text.slice(0, 200)}; retrying`);
    if (performance.now() > deadline) throw new Error(`no first page within 180 s (last: HTTP ${res.status})`);
    await sleep(200);
  }
}
