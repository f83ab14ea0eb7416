// In-process, synthetic: what a steady stream of pod watch events costs the server's event loop at
// 100,000 cached pods (issue 14: "change → event" and the open-loop p99 tails of the 100k run). It
// builds what the server keeps for pods (as bench/pod-memory.ts does: LIST pages parsed, stripped and
// transformed, the store with its indexes, the list index with every pod order, the attention index),
// then applies `--rate` watch events per second for `--seconds`, each as the reflector does it (the
// event's JSON text parsed, stripped, transformed, upserted, handed to the listeners), while a list
// page (`--page`) is asked every `--request-ms` as an open loop. It reports the event loop's delay,
// the cost of one event, the requests' latency from when they were due, and V8's GC pauses.
// No cluster, no HTTP.
//
//   npx tsx --conditions=react-server bench/churn.ts [--pods 100000] [--rate 300] [--seconds 20] [--out file.md]

import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { podsKind } from '@/lib/k8s/kinds/pods';
import { stripObject, type KubeObject } from '@/lib/k8s/object';
import { seededRandom } from '@/lib/testing/seeded-random';
import { ATTENTION_SOURCES, newAttentionIndex } from '@/server/k8s/attention';
import { cacheIndexes, cacheTransform } from '@/server/k8s/cache';
import { selectIndexedPage } from '@/server/k8s/indexed-page';
import { listIndexFor } from '@/server/k8s/list-index';
import { labelMatcher, listQuerySchema, summaryOf } from '@/server/k8s/list-query';
import { ObjectStore } from '@/server/k8s/store';

import { podShapes } from './pod-shapes';
import { percentile } from './stats';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    namespaces: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '20' },
    /** The share of pods whose status flips (crash loops); events go to them and to random others. */
    failing: { type: 'string', default: '0.01' },
    page: { type: 'string', default: 'sort=status&limit=50' },
    'request-ms': { type: 'string', default: '20' },
    out: { type: 'string' },
  },
});
const PODS = Number(args.pods);
const NAMESPACES = Number(args.namespaces);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const FAILING = Number(args.failing);
const REQUEST_MS = Number(args['request-ms']);
const loadAtStart = loadavg();

const { benchPod } = podShapes(NAMESPACES, 50);
const rnd = seededRandom(11);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

// ---- the cache, built as the server builds it ----------------------------------------------------

const transform = cacheTransform('pods');
if (!transform) throw new Error('cache.ts has no pod transform');
const accept = (raw: KubeObject) => transform(stripObject(raw)) ?? raw;
const store = new ObjectStore<KubeObject>((o) => o.metadata, cacheIndexes(podsKind));
let t0 = process.hrtime.bigint();
for (let start = 0; start < PODS; start += 500) {
  const text = JSON.stringify({
    items: Array.from({ length: Math.min(500, PODS - start) }, (_, k) => benchPod(start + k)),
  });
  for (const item of (JSON.parse(text) as { items: KubeObject[] }).items) store.upsert(accept(item));
}
const listMs = ms(t0);
t0 = process.hrtime.bigint();
const index = listIndexFor(store, podsKind);
for (const key of Object.keys(podsKind.sorts)) index.order(key);
const src = ATTENTION_SOURCES.find((s) => s.kind.id === 'pods');
if (!src) throw new Error('no pod attention source');
const attention = newAttentionIndex(src);
for (const o of store.values()) attention.apply('ADDED', o);
const buildMs = ms(t0);

// ---- the events: a failing pod's status flips (crash loop), or any pod's status is rewritten --------

const failingCount = Math.max(1, Math.floor(PODS * FAILING));
let rv = 10_000_000;
function changed(i: number, n: number): string {
  const pod = benchPod(i) as KubeObject & { status: { containerStatuses: Record<string, unknown>[] } };
  pod.metadata.resourceVersion = String(++rv);
  const cs = pod.status.containerStatuses[0]!;
  if (i < failingCount) {
    cs.ready = false;
    cs.restartCount = n;
    cs.state =
      n % 2
        ? { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${n * 10}s restarting failed container` } }
        : { running: { startedAt: new Date(Date.UTC(2026, 10, 24, 0, 0, n)).toISOString() } };
    (pod.status as Record<string, unknown>).phase = 'Running';
  }
  return JSON.stringify({ type: 'MODIFIED', object: pod });
}
const total = RATE * SECONDS;
const texts: string[] = [];
const flips = new Map<number, number>();
for (let k = 0; k < total; k++) {
  // Two events in three go to the failing pods (the node agent's crash loops), one to any pod.
  const i = k % 3 ? Math.floor(rnd() * failingCount) : Math.floor(rnd() * PODS);
  const n = (flips.get(i) ?? 0) + 1;
  flips.set(i, n);
  texts.push(changed(i, n));
}

// ---- the run ------------------------------------------------------------------------------------

const gcs: { kind: string; ms: number }[] = [];
const GC_KINDS: Record<number, string> = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental', 8: 'weak callbacks' };
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
    gcs.push({ kind: GC_KINDS[e.detail?.kind ?? 0] ?? String(e.detail?.kind), ms: e.duration });
  }
});
const query = listQuerySchema.parse(Object.fromEntries(new URLSearchParams(args.page)));
const matchLabels = labelMatcher(query.labelSelector);
const eventMs: number[] = [];
const requestMs: number[] = [];
const delay = monitorEventLoopDelay({ resolution: 5 });

function applyEvent(text: string): void {
  const e = JSON.parse(text) as { type: 'MODIFIED'; object: KubeObject };
  const obj = accept(e.object);
  store.upsert(obj);
  attention.apply('MODIFIED', obj);
  summaryOf(podsKind, obj); // the stream hub publishes the summary
}

async function run(): Promise<void> {
  gcObserver.observe({ entryTypes: ['gc'] });
  delay.enable();
  const started = performance.now();
  let next = 0;
  let due = started;
  const end = started + SECONDS * 1000;
  await new Promise<void>((resolve) => {
    // Events arrive in the batches a watch stream's chunks bring them in (every 10 ms here).
    const events = setInterval(() => {
      const upTo = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      for (; next < upTo; next++) {
        const t = process.hrtime.bigint();
        applyEvent(texts[next]!);
        eventMs.push(ms(t));
      }
      if (performance.now() >= end) {
        clearInterval(events);
        resolve();
      }
    }, 10);
    // Requests as an open loop: each is due every REQUEST_MS; its latency counts from when it was due.
    const ask = () => {
      const now = performance.now();
      while (due <= now && due < end) {
        selectIndexedPage(index, { ...query, namespaces: [] }, matchLabels, 'all');
        requestMs.push(performance.now() - due);
        due += REQUEST_MS;
      }
      if (due < end) setTimeout(ask, Math.max(0, due - performance.now()));
    };
    setTimeout(ask, 0);
  });
  delay.disable();
  gcObserver.disconnect();
}

function report(): void {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const ev = sorted(eventMs);
  const rq = sorted(requestMs);
  const fmt = (n: number) => (n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n.toFixed(1));
  const gcBy = new Map<string, number[]>();
  for (const g of gcs) gcBy.set(g.kind, [...(gcBy.get(g.kind) ?? []), g.ms]);
  const gcRows = [...gcBy].map(([kind, xs]) => {
    const s = sorted(xs);
    const sum = s.reduce((a, b) => a + b, 0);
    return `| ${kind} | ${s.length} | ${fmt(sum)} | ${fmt(percentile(s, 50))} | ${fmt(s[s.length - 1]!)} |`;
  });
  const mem = process.memoryUsage();
  const doc = [
    '## In-process, synthetic: pod watch events against the event loop at 100,000 pods (issue 14)',
    '',
    `Not an end-to-end run: \`npx tsx --conditions=react-server bench/churn.ts --out bench/results/in-process/churn.md\`.`,
    '',
    `${PODS.toLocaleString('en')} bench pods in ${NAMESPACES.toLocaleString('en')} namespaces, cached as the server caches them ` +
      `(list ${fmt(listMs / 1000)} s, index with ${Object.keys(podsKind.sorts).length} orders and attention ${fmt(buildMs / 1000)} s), ` +
      `then ${RATE} pod events/s for ${SECONDS} s (two in three to the ${failingCount.toLocaleString('en')} crash-looping pods), ` +
      `each parsed from its JSON text, stripped, transformed, upserted (list index kept in step), applied to the attention index ` +
      `and summarised; meanwhile \`${args.page}\` every ${REQUEST_MS} ms (open loop, latency from when it was due).`,
    '',
    '| measure | p50 | p99 | max |',
    '|---|---|---|---|',
    `| one event, ms (${ev.length}) | ${fmt(percentile(ev, 50))} | ${fmt(percentile(ev, 99))} | ${fmt(ev[ev.length - 1] ?? 0)} |`,
    `| a page request from when it was due, ms (${rq.length}) | ${fmt(percentile(rq, 50))} | ${fmt(percentile(rq, 99))} | ${fmt(rq[rq.length - 1] ?? 0)} |`,
    `| event loop delay, ms | ${fmt(delay.percentile(50) / 1e6)} | ${fmt(delay.percentile(99) / 1e6)} | ${fmt(delay.max / 1e6)} |`,
    '',
    `Events took ${fmt(ev.reduce((a, b) => a + b, 0) / SECONDS)} ms of each second.`,
    '',
    '| GC | pauses | total ms | p50 ms | max ms |',
    '|---|---|---|---|---|',
    ...gcRows,
    '',
    `Heap used ${Math.round(mem.heapUsed / 2 ** 20)} MiB of ${Math.round(mem.heapTotal / 2 ** 20)} MiB, RSS ${Math.round(mem.rss / 2 ** 20)} MiB. ` +
      `Node ${process.version}; load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start, ` +
      `${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end.`,
  ].join('\n');
  console.log(doc);
  if (args.out) writeFileSync(args.out, `${doc}\n`);
  if (store.size !== PODS || index.size !== PODS) throw new Error('lost pods');
}

run().then(report, (err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
