import autocannon from 'autocannon';

import { openWatches, requestCounts, type Counts } from './apiserver-metrics';
import type { KubeHttp } from './kube-http';
import { sleep } from './pool';

// Warm: many people reading the first page of one namespace's pods, newest first, while the
// kube-apiserver's own counters show what the server asked of it meanwhile (target: no LIST).

type Log = (msg: string) => void;

export function warmPath(namespace: string): string {
  return `/api/k8s/local/pods?namespace=${namespace}&sort=age&order=desc&limit=50`;
}

export async function scrapeApiserver(kube: KubeHttp): Promise<{ requests: Counts; watches: Counts }> {
  const res = await kube.request('GET', '/metrics');
  if (res.status !== 200) throw new Error(`GET /metrics: HTTP ${res.status}`);
  return { requests: requestCounts(res.body), watches: openWatches(res.body) };
}

export interface WarmResult {
  path: string;
  connections: number;
  seconds: number;
  /** The request-rate cap, or null for a closed loop. */
  rateCap: number | null;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

export async function measureWarm(
  baseUrl: string,
  headers: Record<string, string>,
  namespaces: readonly string[],
  connections: number,
  seconds: number,
  rateCap: number | undefined,
  log: Log,
): Promise<WarmResult> {
  let n = 0;
  log(
    `warm: ${connections} connections for ${seconds} s${rateCap ? ` at ≤ ${rateCap} req/s` : ''} on ${warmPath('<bench-NN>')}`,
  );
  const r = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    overallRate: rateCap,
    headers,
    timeout: 10,
    // Each request asks for the next bench namespace, so the run covers all of them.
    requests: [
      { setupRequest: (req) => ({ ...req, path: warmPath(namespaces[n++ % namespaces.length] ?? 'default') }) },
    ],
  });
  const result: WarmResult = {
    path: warmPath(namespaces[0] ?? 'default'),
    connections,
    seconds,
    rateCap: rateCap ?? null,
    ...closedLoopFigures(r),
    p90: r.latency.p90,
  };
  log(
    `warm: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.requestsPerSecond} req/s, ` +
      `${result.requests} requests, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
  return result;
}

/** Counters over an idle window of the same length: what other clients of the shared cluster do. */
export async function idleWindow(kube: KubeHttp, seconds: number): Promise<{ before: Counts; after: Counts }> {
  const before = (await scrapeApiserver(kube)).requests;
  await sleep(seconds * 1000);
  const after = (await scrapeApiserver(kube)).requests;
  return { before, after };
}

/** What every closed-loop run (autocannon) records: count, rate, latency and failures (timeouts count as errors). */
export function closedLoopFigures(r: Awaited<ReturnType<typeof autocannon>>) {
  return {
    requests: r.latency.totalCount,
    requestsPerSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}
