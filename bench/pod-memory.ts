// In-process, synthetic: heap bytes per cached pod (issue 14 target 3, "≤ 4 KiB per cached pod"; ADR 0027).
// Builds what the server builds for pods — pages of JSON parsed as the reflector parses them, stripped
// and transformed as the shared cache does (server/k8s/cache.ts), the store with its indexes, the
// memoised summaries, the ordered list indexes with every pod sort key, the attention index — and
// reports heapUsed after gc, per stage, divided by the number of pods. No cluster, no HTTP.
//
//   npx tsx --conditions=react-server bench/pod-memory.ts [--pods 20000,100000] [--out file.md]
//
// Each (shape, cache, pods) runs in a child process of its own with --expose-gc, so runs do not share
// a heap. Shapes: "bench" is a pod of bench/seed.ts's Deployment as the controllers and the node agent
// make it; "production" a realistic one (3 containers, env, probes, resources, 6 volumes, 16 labels
// and annotations). Caches: "full" keeps the stripped object (the cache before ADR 0027); "compact"
// is cache.ts's pod transform; "compact, no sharing" the same without the string table.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { podsKind } from '@/lib/k8s/kinds/pods';
import { stripObject, type KubeObject } from '@/lib/k8s/object';
import { ATTENTION_SOURCES, newAttentionIndex } from '@/server/k8s/attention';
import { cacheIndexes, cacheTransform } from '@/server/k8s/cache';
import { compactPod, Interner } from '@/server/k8s/compact-pod';
import { listIndexFor } from '@/server/k8s/list-index';
import { summaryOf } from '@/server/k8s/list-query';
import { ObjectStore } from '@/server/k8s/store';

import { podShapes, type Shape } from './pod-shapes';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '20000,100000' },
    namespaces: { type: 'string', default: '1000' },
    nodes: { type: 'string', default: '50' },
    one: { type: 'string' },
    out: { type: 'string' },
  },
});

type Cache = 'full' | 'compact' | 'compact, no sharing';
const STAGES = ['objects', 'store', 'summaries', 'index entries', 'sort orders', 'attention'] as const;
type Stage = (typeof STAGES)[number];

interface Run {
  shape: Shape;
  cache: Cache;
  pods: number;
  jsonBytes: number;
  /** CPU per pod to strip and transform on arrival (after JSON.parse), µs. */
  acceptUs: number;
  /** Heap bytes per pod added by each stage. */
  perPod: Record<Stage, number>;
  totalPerPod: number;
  heapUsedMiB: number;
  rssMiB: number;
}

const NAMESPACES = Number(args.namespaces);
const NODES = Number(args.nodes);

const { benchPod, productionPod } = podShapes(NAMESPACES, NODES);

// ---- one run (in a child process) -----------------------------------------------------------------

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let k = 0; k < 4; k++) gc();
  return process.memoryUsage().heapUsed;
}

function transformOf(cache: Cache): (o: KubeObject) => KubeObject {
  if (cache === 'full') return (o) => o;
  if (cache === 'compact, no sharing') return (o) => compactPod(o, new Interner());
  const t = cacheTransform('pods');
  if (!t) throw new Error('cache.ts has no pod transform');
  return (o) => t(o) ?? o;
}

/** One LIST page as the reflector receives it: JSON text, parsed (a function, so the text dies on return). */
function listPage(make: (i: number) => KubeObject, start: number, n: number) {
  const text = JSON.stringify({
    metadata: { resourceVersion: '1' },
    items: Array.from({ length: n }, (_, k) => make(start + k)),
  });
  const items = (JSON.parse(text) as { items: KubeObject[] }).items;
  return { items, bytes: text.length };
}

/** Parses one page and keeps what the cache keeps of each item (a function: the page dies on return). */
function acceptPage(
  make: (i: number) => KubeObject,
  start: number,
  n: number,
  transform: (o: KubeObject) => KubeObject,
  kept: KubeObject[],
): { bytes: number; acceptNs: bigint } {
  const page = listPage(make, start, n);
  const t0 = process.hrtime.bigint();
  for (const item of page.items) kept.push(transform(stripObject(item)));
  return { bytes: page.bytes, acceptNs: process.hrtime.bigint() - t0 };
}

function runOne(shape: Shape, cache: Cache, pods: number): Run {
  const make = shape === 'bench' ? benchPod : productionPod;
  const transform = transformOf(cache);
  const marks: number[] = [heap()];
  // The reflector's path: a LIST page of 500 as JSON text, parsed, each item stripped and transformed.
  let kept: KubeObject[] | undefined = [];
  let jsonBytes = 0;
  let acceptNs = 0n;
  for (let start = 0; start < pods; start += 500) {
    const page = acceptPage(make, start, Math.min(500, pods - start), transform, kept);
    jsonBytes += page.bytes;
    acceptNs += page.acceptNs;
  }
  const acceptUs = Number(acceptNs) / 1000 / pods;
  marks.push(heap());
  const store = new ObjectStore<KubeObject>((o) => o.metadata, cacheIndexes(podsKind));
  for (const o of kept) store.upsert(o);
  kept = undefined;
  marks.push(heap());
  for (const o of store.values()) summaryOf(podsKind, o);
  marks.push(heap());
  const index = listIndexFor(store, podsKind);
  marks.push(heap());
  for (const key of Object.keys(podsKind.sorts)) index.order(key);
  marks.push(heap());
  const src = ATTENTION_SOURCES.find((s) => s.kind.id === 'pods');
  if (!src) throw new Error('no pod attention source');
  const attention = newAttentionIndex(src);
  for (const o of store.values()) attention.apply('ADDED', o);
  marks.push(heap());
  const perPod = Object.fromEntries(STAGES.map((s, k) => [s, (marks[k + 1]! - marks[k]!) / pods])) as Record<
    Stage,
    number
  >;
  const mem = process.memoryUsage();
  // Keep everything alive until measured.
  if (store.size !== pods || index.size !== pods || !attention || !transform) throw new Error('lost pods');
  return {
    shape,
    cache,
    pods,
    jsonBytes: jsonBytes / pods,
    acceptUs,
    perPod,
    totalPerPod: (marks[marks.length - 1]! - marks[0]!) / pods,
    heapUsedMiB: mem.heapUsed / 2 ** 20,
    rssMiB: mem.rss / 2 ** 20,
  };
}

// ---- driver ----------------------------------------------------------------------------------------

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const kib = (n: number) => (n / 1024).toFixed(2);

function table(runs: Run[]): string {
  const head = `| pod shape | cache | pods | JSON B/pod | strip + transform µs/pod | ${STAGES.join(' | ')} | total B/pod | KiB/pod | heap used MiB | RSS MiB |`;
  const rule = `|${' --- |'.repeat(STAGES.length + 9)}`;
  const rows = runs.map(
    (r) =>
      `| ${r.shape} | ${r.cache} | ${fmt(r.pods)} | ${fmt(r.jsonBytes)} | ${r.acceptUs.toFixed(1)} | ${STAGES.map((s) => fmt(r.perPod[s])).join(' | ')} | ${fmt(r.totalPerPod)} | ${kib(r.totalPerPod)} | ${fmt(r.heapUsedMiB)} | ${fmt(r.rssMiB)} |`,
  );
  return [head, rule, ...rows].join('\n');
}

function main(): void {
  if (args.one) {
    const [shape, cache, pods] = JSON.parse(args.one) as [Shape, Cache, number];
    process.stdout.write(JSON.stringify(runOne(shape, cache, pods)));
    return;
  }
  const runs: Run[] = [];
  for (const pods of args.pods.split(',').map(Number)) {
    for (const shape of ['bench', 'production'] as const) {
      for (const cache of ['full', 'compact, no sharing', 'compact'] as const) {
        const out = execFileSync(
          process.execPath,
          [
            ...process.execArgv,
            '--expose-gc',
            '--max-old-space-size=6144',
            process.argv[1]!,
            '--namespaces',
            String(NAMESPACES),
            '--nodes',
            String(NODES),
            '--one',
            JSON.stringify([shape, cache, pods]),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        const run = JSON.parse(out) as Run;
        runs.push(run);
        console.error(`${shape} / ${cache} / ${pods}: ${fmt(run.totalPerPod)} B/pod (${JSON.stringify(run.perPod)})`);
      }
    }
  }
  const md = `## In-process, synthetic: heap bytes per cached pod (issue 14 target 3, ADR 0027)

Not an end-to-end run: \`npx tsx --conditions=react-server bench/pod-memory.ts --out bench/results/in-process/pod-memory.md\`.

In-process, synthetic (\`bench/pod-memory.ts\`, ${new Date().toISOString().slice(0, 10)}): the structures the server keeps for pods, built the way it
builds them — LIST pages of 500 as JSON text, parsed, stripped (\`stripObject\`) and transformed as \`server/k8s/cache.ts\`
does; the store with its namespace, owner and node indexes; the memoised summaries; the ordered list index (entries with
search text) with all ${Object.keys(podsKind.sorts).length} pod sort orders built; the Overview's attention index. Each column is heapUsed after gc, added by
that stage, divided by the pods; each row is a child process of its own. ${fmt(NAMESPACES)} namespaces, ${NODES} nodes.

- **bench**: a pod of \`bench/seed.ts\`'s Deployment as the controllers and the node agent write it (owner reference, 3 labels,
  1 annotation, the default token volume, 4 conditions, one container status).
- **production**: app + Envoy sidecar + migration init container; 13 env vars (3 from Secrets/ConfigMaps), envFrom,
  3 probes, requests and limits, 6 volumes (ConfigMap, Secret, emptyDir, PVC, projected token), 11 labels, 5 annotations,
  anti-affinity, a topology spread constraint; every tenth pod with an OOMKilled last state.
- **full**: the stripped object, as the cache kept it before ADR 0027. **compact**: the cache's pod transform
  (\`server/k8s/compact-pod.ts\`) with its shared string table; **compact, no sharing**: the same shape, no table.

${table(runs)}

Node ${process.version}. "objects" is the cached objects with their strings (the transient JSON text and parsed pages
are garbage by then); "store" the Map entries, keys and the namespace/owner/node index sets; "summaries" the memoised
\`PodSummary\` objects; "index entries" the list index's entry objects and lower-case search text; "sort orders" the
chunked orders (all namespaces and per namespace) of every sort key; "attention" the Overview's index (pods that need
nobody cost nothing there).
`;
  if (args.out) writeFileSync(args.out, md);
  process.stdout.write(md);
}

main();
