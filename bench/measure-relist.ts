import type { KubeHttp } from './kube-http';
import { sleep } from './pool';
import {
  diffCounters,
  outageSummary,
  relistCounters,
  statesBetween,
  type ListSample,
  type RelistRun,
} from './relist-result';
import { scrapeMetrics } from './server-metrics';

// Target 5 of issue 14: with the Wheelhouse server running and synced, restart the kube-apiserver
// (`restart`, e.g. restartApiServer from local-cluster/control-plane/up.ts) and measure
// - how long until the cache is fresh again: a marker pod created as soon as the API server answers
//   /readyz again, until the list API shows it; and until GET /api/clusters says every kind is ready;
// - what it cost the API server: Wheelhouse's own counters from GET /api/metrics (the apiserver's
//   apiserver_request_total starts again from zero when it restarts, so it cannot tell);
// - what the list API answered meanwhile: sampled every `sampleMs`, status and `cache.state`.
// Every client of the cluster sees the outage: run it once, at the end of a bench run.

type Log = (msg: string) => void;

export interface RelistOptions {
  baseUrl: string;
  /** Cookie of a signed-in operator who may list every namespace (the bench's alice). */
  headers: Record<string, string>;
  /** WHEELHOUSE_METRICS_TOKEN of the server. */
  metricsToken: string;
  /** Admin client of the cluster, for the marker pod. */
  kube: KubeHttp;
  /** Stops the API server, keeps it down `downMs`, starts it, resolves once /readyz answers; calls onStopped after the stop. */
  restart: (opts: { downMs: number; onStopped: () => void; onStarted: () => void; log?: Log }) => Promise<void>;
  /** If given, every list API sample is appended to it (for a timeline). */
  samples?: ListSample[];
  /** Namespace of the marker pod (default "default"). */
  namespace?: string;
  /** Kept down this long (default 5 s). */
  downMs?: number;
  /** Sampling period of the list API during the outage (default 250 ms). */
  sampleMs?: number;
  /** Give up waiting for fresh data after this long (default 10 min). */
  timeoutMs?: number;
  cluster?: string;
  log: Log;
}

interface ClustersAnswer {
  clusters: { name: string; kinds: { kind: string; state: string; objects: number }[] }[];
}

async function clusterKinds(baseUrl: string, headers: Record<string, string>, cluster: string) {
  const res = await fetch(`${baseUrl}/api/clusters`, { headers, signal: AbortSignal.timeout(30_000) });
  if (res.status !== 200) return undefined;
  const body = (await res.json()) as ClustersAnswer;
  return body.clusters.find((c) => c.name === cluster)?.kinds;
}

/** Every kind of the cluster reports "ready" (and there is at least one). */
export function allReady(kinds: readonly { state: string }[] | undefined): boolean {
  return !!kinds?.length && kinds.every((k) => k.state === 'ready');
}

async function sampleList(url: string, headers: Record<string, string>): Promise<ListSample> {
  const at = performance.now();
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
    if (res.status !== 200) {
      await res.arrayBuffer();
      return { at, status: res.status };
    }
    const body = (await res.json()) as { items: { name: string }[]; cache?: { state?: string } };
    return { at, status: 200, state: body.cache?.state, items: body.items.length };
  } catch {
    return { at, status: 0 };
  }
}

export function markerPod(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { 'wheelhouse.dev/bench': 'true', 'wheelhouse.dev/relist-marker': 'true' } },
    spec: {
      automountServiceAccountToken: false,
      containers: [{ name: 'app', image: 'registry.local/bench/pause:1' }],
      terminationGracePeriodSeconds: 0,
    },
  };
}

async function waitUntil(what: string, fn: () => Promise<boolean>, deadline: number, everyMs: number) {
  for (;;) {
    if (await fn().catch(() => false)) return performance.now();
    if (performance.now() > deadline) return null;
    await sleep(everyMs);
  }
}

/** Restarts the kube-apiserver under a synced Wheelhouse server and measures the relist. */
export async function measureRelist(o: RelistOptions): Promise<RelistRun> {
  const cluster = o.cluster ?? 'local';
  const namespace = o.namespace ?? 'default';
  const downMs = o.downMs ?? 5000;
  const sampleMs = o.sampleMs ?? 250;
  const listUrl = `${o.baseUrl}/api/k8s/${cluster}/pods?limit=50`;

  const kinds = await clusterKinds(o.baseUrl, o.headers, cluster);
  if (!allReady(kinds)) throw new Error(`relist: the server's caches are not all ready: ${JSON.stringify(kinds)}`);
  const cachedPods = kinds?.find((k) => k.kind === 'pods')?.objects ?? 0;
  const before = relistCounters(await scrapeMetrics(o.baseUrl, o.metricsToken), cluster);

  const samples: ListSample[] = o.samples ?? [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const started = performance.now();
      samples.push(await sampleList(listUrl, o.headers));
      await sleep(Math.max(0, sampleMs - (performance.now() - started)));
    }
  })();

  const stopAsked = performance.now();
  let stoppedAt = stopAsked;
  let startedAt = Number.NaN;
  o.log(`relist: restarting the kube-apiserver (${cachedPods} pods cached; down ${downMs} ms)`);
  try {
    await o.restart({
      downMs,
      onStopped: () => (stoppedAt = performance.now()),
      onStarted: () => (startedAt = performance.now()),
      log: o.log,
    });
  } finally {
    sampling = false;
  }
  const backAt = performance.now();
  await sampler;
  o.log(`relist: kube-apiserver ready again after ${Math.round(backAt - stopAsked)} ms`);

  // The marker: a pod made now exists only in the API server's new state; the list API shows it once
  // the cache has relisted or rewatched.
  const name = `relist-marker-${Date.now().toString(36)}`;
  const created = await o.kube.request('POST', `/api/v1/namespaces/${namespace}/pods`, { body: markerPod(name) });
  if (created.status !== 201)
    throw new Error(`relist: creating the marker pod: HTTP ${created.status} ${created.body.slice(0, 200)}`);
  const deadline = backAt + (o.timeoutMs ?? 600_000);
  const q = new URLSearchParams({ namespace, q: name, limit: '50' });
  try {
    const [visibleAt, readyAt] = await Promise.all([
      waitUntil(
        'marker',
        async () => {
          const res = await fetch(`${o.baseUrl}/api/k8s/${cluster}/pods?${q}`, {
            headers: o.headers,
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status !== 200) return false;
          const body = (await res.json()) as { items: { name: string }[] };
          return body.items.some((i) => i.name === name);
        },
        deadline,
        100,
      ),
      waitUntil('ready', async () => allReady(await clusterKinds(o.baseUrl, o.headers, cluster)), deadline, 250),
    ]);
    // Anything still in flight (a relist of a large kind) is part of the cost: let it land.
    await sleep(2000);
    const after = relistCounters(await scrapeMetrics(o.baseUrl, o.metricsToken), cluster);
    const ms = (t: number | null) => (t === null ? null : Math.round(t - backAt));
    const run: RelistRun = {
      cachedPods,
      downMs,
      apiserverBackMs: Math.round(backAt - stopAsked),
      markerVisibleMs: ms(visibleAt),
      clustersReadyMs: ms(readyAt),
      freshAfterStopMs: visibleAt === null ? null : Math.round(visibleAt - stopAsked),
      cost: diffCounters(before, after),
      // Judged while no API server process runs; the new one answers (and Wheelhouse's watches may
      // resume) before its /readyz is 200, so the start-up is reported apart.
      outage: outageSummary(samples, stoppedAt, Number.isNaN(startedAt) ? backAt : startedAt),
      startup: statesBetween(samples, Number.isNaN(startedAt) ? backAt : startedAt, backAt),
    };
    o.log(
      `relist: marker visible ${run.markerVisibleMs} ms after /readyz, all kinds ready after ${run.clustersReadyMs} ms; ` +
        `cost ${JSON.stringify(run.cost)}; outage ${JSON.stringify(run.outage)}`,
    );
    return run;
  } finally {
    await o.kube
      .request('DELETE', `/api/v1/namespaces/${namespace}/pods/${name}?gracePeriodSeconds=0`)
      .catch(() => undefined);
  }
}
