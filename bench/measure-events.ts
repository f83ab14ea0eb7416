import { changeKey, matchDeliveries, type Deliveries, type PatchRecord } from './event-latency';
import { summarize, type LatencySummary } from './stats';
import type { KubeHttp } from './kube-http';
import { sleep } from './pool';
import { SseParser } from './sse';

// Change-to-event latency: SSE streams subscribed to all pods while pods are patched (one annotation)
// at a fixed rate; every event is timestamped on arrival and matched to its patch.

type Log = (msg: string) => void;

interface ChangeData {
  summary?: { namespace?: string; name?: string; resourceVersion?: string };
}

interface OpenStream {
  arrivals: Map<string, number>;
  /** Messages by event type, and how the stream ended: to tell "no events" from "events not matched". */
  seen: Record<string, number>;
  ended?: string;
  close(): void;
}

async function openStream(baseUrl: string, headers: Record<string, string>): Promise<OpenStream> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/stream?sub=local:pods`, {
    headers: { ...headers, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`GET /api/stream: HTTP ${res.status}: ${await res.text()}`);
  const arrivals = new Map<string, number>();
  const stream: OpenStream = { arrivals, seen: {}, close: () => abort.abort() };
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          stream.ended = 'closed by the server';
          return;
        }
        const now = performance.now();
        for (const e of parser.push(decoder.decode(value, { stream: true }))) {
          stream.seen[e.event] = (stream.seen[e.event] ?? 0) + 1;
          if (e.event !== 'change') continue;
          const s = (JSON.parse(e.data) as ChangeData).summary;
          if (s?.name && s.resourceVersion) arrivals.set(changeKey(s.namespace, s.name, s.resourceVersion), now);
        }
      }
    } catch (err) {
      // aborted at the end of the run, or failed: say which
      stream.ended = abort.signal.aborted ? 'aborted by the bench' : `failed: ${String(err)}`;
    }
  })();
  return stream;
}

/**
 * The same changes as the API server delivers them to a watch of all pods (as admin, no selector: what
 * the server's own reflector watches), timestamped on arrival: the API server's share of the latency.
 */
async function openApiWatch(kube: KubeHttp): Promise<{ arrivals: Map<string, number>; close(): void }> {
  const rv = (
    JSON.parse((await kube.request('GET', '/api/v1/pods?limit=1')).body) as { metadata: { resourceVersion: string } }
  ).metadata.resourceVersion;
  const arrivals = new Map<string, number>();
  const watch = await kube.watch(`/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}`, (line) => {
    const now = performance.now();
    const e = JSON.parse(line) as {
      type: string;
      object: { metadata?: { namespace?: string; name?: string; resourceVersion?: string } };
    };
    const m = e.object.metadata;
    if (e.type === 'MODIFIED' && m?.name && m.resourceVersion)
      arrivals.set(changeKey(m.namespace, m.name, m.resourceVersion), now);
  });
  return { arrivals, close: () => watch.close() };
}

/** Names of the bench pods, `namespace/name`, from a paginated admin LIST. */
export async function benchPodNames(kube: KubeHttp, selector: string): Promise<{ namespace: string; name: string }[]> {
  const out: { namespace: string; name: string }[] = [];
  let cont = '';
  do {
    const q = new URLSearchParams({ labelSelector: selector, limit: '500', ...(cont ? { continue: cont } : {}) });
    const res = await kube.request('GET', `/api/v1/pods?${q}`);
    const list = JSON.parse(res.body) as {
      items: { metadata: { namespace: string; name: string } }[];
      metadata: { continue?: string };
    };
    out.push(...list.items.map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name })));
    cont = list.metadata.continue ?? '';
  } while (cont);
  return out;
}

export interface PatcherRun {
  /** Patches the apiserver accepted, with the resourceVersion it gave each. */
  patches: PatchRecord[];
  /** Patches sent (accepted or not). */
  sent: number;
  errors: number;
  /** From the first patch sent to the last answer. */
  seconds: number;
  /** Patches sent per second over `seconds`. */
  achievedRate: number;
}

/**
 * Patches pods (one annotation) at `rate` per second, open loop, round robin over `pods`: `count`
 * patches, or until `signal` aborts (whichever comes first; at least one of them must be given).
 * Resolves once every patch sent has been answered.
 */
export async function patchAtRate(
  kube: KubeHttp,
  pods: readonly { namespace: string; name: string }[],
  opts: { rate: number; count?: number; signal?: AbortSignal },
): Promise<PatcherRun> {
  if (!pods.length) throw new Error('no bench pods to patch');
  if (opts.count === undefined && !opts.signal) throw new Error('patchAtRate needs a count or a signal');
  const patches: PatchRecord[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const total = opts.count ?? Infinity;
  // A merge patch that sets the value a pod already has is a no-op: no new resourceVersion, no watch
  // event. Pods kept from an earlier run (--keep) carry that run's `seq` values, so every value
  // written here is unique to this run.
  const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const started = performance.now();
  let i = 0;
  for (; i < total && !opts.signal?.aborted; i++) {
    // Open-loop schedule: patch i goes out at started + i/rate, whatever the earlier ones took.
    const due = started + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if (opts.signal?.aborted) break;
    while (inFlight.size >= 200) await Promise.race(inFlight);
    const pod = pods[i % pods.length] as { namespace: string; name: string };
    const sentAt = performance.now();
    const p = kube
      .request('PATCH', `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`, {
        body: { metadata: { annotations: { 'bench.wheelhouse.dev/seq': `${run}-${i}` } } },
        contentType: 'application/merge-patch+json',
      })
      .then((res) => {
        if (res.status !== 200) return void errors++;
        const rv = (JSON.parse(res.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
        patches.push({ key: changeKey(pod.namespace, pod.name, rv), sentAt, patchMs: res.ms });
      })
      .catch(() => void errors++)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  return { patches, sent: i, errors, seconds, achievedRate: seconds > 0 ? Math.round((i / seconds) * 10) / 10 : 0 };
}

export interface EventsResult extends Deliveries {
  streams: number;
  targetRate: number;
  seconds: number;
  patches: number;
  patchErrors: number;
  achievedRate: number;
  patchLatency: LatencySummary;
  /** The same patches as a direct watch of all pods on the API server saw them (admin, no Wheelhouse). */
  apiWatch: Deliveries;
}

export async function measureEvents(
  baseUrl: string,
  headers: Record<string, string>,
  kube: KubeHttp,
  pods: readonly { namespace: string; name: string }[],
  opts: { streams: number; rate: number; seconds: number },
  log: Log,
): Promise<EventsResult> {
  if (!pods.length) throw new Error('no bench pods to patch');
  const streams = await Promise.all(Array.from({ length: opts.streams }, () => openStream(baseUrl, headers)));
  const api = await openApiWatch(kube);
  log(`events: ${opts.streams} streams open; patching pods at ${opts.rate}/s for ${opts.seconds} s`);
  const bg = await patchAtRate(kube, pods, { rate: opts.rate, count: opts.rate * opts.seconds });
  const { patches, errors } = bg;
  // Late events still count (they show up in the maximum); after 5 s they are lost.
  await sleep(5000);
  for (const s of streams) s.close();
  api.close();
  const d = matchDeliveries(
    patches,
    streams.map((s) => s.arrivals),
  );
  const result: EventsResult = {
    ...d,
    streams: opts.streams,
    targetRate: opts.rate,
    seconds: opts.seconds,
    patches: patches.length,
    patchErrors: errors,
    achievedRate: bg.achievedRate,
    patchLatency: summarize(patches.map((p) => p.patchMs)),
    apiWatch: matchDeliveries(patches, [api.arrivals]),
  };
  log(
    `events: ${result.patches} patches at ${result.achievedRate}/s; p50 ${d.latency.p50} ms, p95 ${d.latency.p95} ms, ` +
      `max ${d.latency.max} ms over ${d.deliveries} deliveries; ${d.missing} lost, ${errors} patch errors; ` +
      `PATCH itself p50 ${result.patchLatency.p50} ms, p95 ${result.patchLatency.p95} ms; ` +
      `a direct API watch saw them at p50 ${result.apiWatch.latency.p50} ms, p95 ${result.apiWatch.latency.p95} ms ` +
      `(${result.apiWatch.missing} lost)`,
  );
  if (d.missing > 0) {
    const seen = streams.map((st) => `${JSON.stringify(st.seen)}${st.ended ? ` (${st.ended})` : ''}`);
    log(`events: streams saw ${seen.join('; ')}`);
  }
  return result;
}
