// In-process, synthetic: list pages served from the ordered indexes (ADR 0024) against the full
// filter-sort-slice they replace, at 100,000 pods in 1,000 namespaces, with no cluster and no HTTP.
// It measures the list code alone (what a request costs the server's CPU beyond routing, session and
// access checks); `npm run bench` judges the targets end to end.
//
//   npx tsx --conditions=react-server bench/list-index.ts [--pods 100000] [--namespaces 1000] [--out file.md]
//
// `--conditions=react-server` lets the server modules' `import 'server-only'` load outside Next.js.

import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { podsKind, type PodSummary } from '@/lib/k8s/kinds/pods';
import type { KubeObject } from '@/lib/k8s/object';
import { seededRandom as random } from '@/lib/testing/seeded-random';
import { selectIndexedPage, type NamespaceScope } from '@/server/k8s/indexed-page';
import { listIndexFor } from '@/server/k8s/list-index';
import { labelMatcher, listQuerySchema, selectPage, type ListPage } from '@/server/k8s/list-query';
import { ObjectStore } from '@/server/k8s/store';

import { percentile } from './stats';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    namespaces: { type: 'string', default: '1000' },
    out: { type: 'string' },
  },
});
const PODS = Number(args.pods);
const loadAtStart = loadavg();
const NAMESPACES = Number(args.namespaces);

const rnd = random(42);
const nsName = (i: number) => `bench-${String(i).padStart(4, '0')}`;

let rv = 0;
function pod(ns: string, name: string): KubeObject {
  const t = new Date(Date.UTC(2026, 10, 1) + Math.floor(rnd() * 20 * 86_400_000)).toISOString();
  const failing = rnd() < 0.02;
  return {
    metadata: {
      namespace: ns,
      name,
      uid: `${ns}-${name}`,
      resourceVersion: String(++rv),
      creationTimestamp: t,
      labels: { app: `app-${Math.floor(rnd() * 50)}`, tier: rnd() < 0.5 ? 'web' : 'api' },
      ownerReferences: [{ kind: 'ReplicaSet', name: `${name.slice(0, -6)}`, uid: 'x', controller: true }],
    },
    spec: { nodeName: `node-${Math.floor(rnd() * 20)}`, containers: [{ name: 'app', image: 'registry/app:1.0' }] },
    status: {
      phase: 'Running',
      podIP: `10.0.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`,
      containerStatuses: [
        {
          name: 'app',
          ready: !failing,
          restartCount: failing ? Math.floor(rnd() * 40) : 0,
          ...(failing ? { state: { waiting: { reason: 'CrashLoopBackOff' } } } : { state: { running: {} } }),
        },
      ],
    },
  };
}

const store = new ObjectStore<KubeObject>((o) => o.metadata, {
  namespace: (o) => (o.metadata.namespace ? [o.metadata.namespace] : []),
});
for (let i = 0; i < PODS; i++) {
  const ns = nsName(i % NAMESPACES);
  store.upsert(pod(ns, `app-${Math.floor(i / NAMESPACES) % 97}-${i.toString(36).padStart(5, '0')}`));
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

// The index: built on first use (summaries for every object, then one order per sort key asked).
let t0 = process.hrtime.bigint();
const index = listIndexFor(store, podsKind);
const buildEntries = ms(t0);
t0 = process.hrtime.bigint();
for (const key of Object.keys(podsKind.sorts)) index.order(key);
const buildOrders = ms(t0);

interface Scenario {
  what: string;
  params: string;
}
const operator: NamespaceScope = 'all';
const developer: NamespaceScope = new Set([nsName(7), nsName(512)]);

/** What listForUser did before: the whole store (or the asked namespaces) through selectPage. */
function naive(params: URLSearchParams, scope: NamespaceScope): ListPage<PodSummary> {
  const q = listQuerySchema.parse(Object.fromEntries(params));
  const namespaces = params.getAll('namespace');
  const objects = namespaces.length
    ? namespaces.filter((ns) => scope === 'all' || scope.has(ns)).flatMap((ns) => store.byIndex('namespace', ns))
    : store.values();
  const allowed = (ns: string | undefined) => scope === 'all' || (ns !== undefined && scope.has(ns));
  return selectPage(podsKind, objects, { ...q, namespaces }, labelMatcher(q.labelSelector), allowed);
}

function indexed(params: URLSearchParams, scope: NamespaceScope): ListPage<PodSummary> {
  const q = listQuerySchema.parse(Object.fromEntries(params));
  const namespaces = params.getAll('namespace');
  const inScope = namespaces.length ? new Set(namespaces.filter((ns) => scope === 'all' || scope.has(ns))) : scope;
  return selectIndexedPage(index, { ...q, namespaces }, labelMatcher(q.labelSelector), inScope);
}

function time(fn: () => ListPage<PodSummary>, iterations: number): { p50: number; p99: number; total: number } {
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    total = fn().total;
    samples.push(ms(t));
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), total };
}

const scenarios: Scenario[] = [
  { what: 'first page, all namespaces, by name', params: 'limit=50' },
  { what: 'first page, all namespaces, newest first', params: 'sort=age&order=desc&limit=50' },
  { what: 'first page, all namespaces, most restarts', params: 'sort=restarts&order=desc&limit=50' },
  { what: 'first page, all namespaces, by status', params: 'sort=status&limit=50' },
  { what: 'offset 50,000, newest first', params: 'sort=age&order=desc&offset=50000&limit=50' },
  { what: 'text search (crashloopbackoff), newest first', params: 'q=crashloopbackoff&sort=age&order=desc&limit=50' },
  { what: 'label selector (tier=web), by name', params: 'labelSelector=tier%3Dweb&limit=50' },
  { what: `one namespace (${nsName(7)}), newest first`, params: `namespace=${nsName(7)}&sort=age&order=desc&limit=50` },
];

const fmt = (n: number) => (n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n.toFixed(1));
const rows: string[] = [];
for (const s of scenarios) {
  for (const [who, scope] of [
    ['operator (all namespaces)', operator],
    ['developer (2 namespaces)', developer],
  ] as const) {
    const params = new URLSearchParams(s.params);
    const a = naive(params, scope);
    const b = indexed(params, scope);
    const same = a.total === b.total && a.items.map((x) => x.uid).join() === b.items.map((x) => x.uid).join();
    if (!same) throw new Error(`${s.what} as ${who}: the indexed page differs from the full sort`);
    const before = time(() => naive(params, scope), 15);
    const after = time(() => indexed(params, scope), 400);
    rows.push(
      `| ${s.what} | ${who} | ${after.total.toLocaleString('en')} | ${fmt(before.p50)} / ${fmt(before.p99)} | ` +
        `${fmt(after.p50)} / ${fmt(after.p99)} |`,
    );
    console.log(rows[rows.length - 1]);
  }
}

// The price on the write side: one watch event (a pod's new version) with all four orders built.
const keys = [...store.keys()];
const events: number[] = [];
for (let i = 0; i < 5000; i++) {
  const old = store.get(keys[Math.floor(rnd() * keys.length)]!)!;
  const next = pod(old.metadata.namespace!, old.metadata.name);
  const t = process.hrtime.bigint();
  store.upsert(next);
  events.push(ms(t));
}
events.sort((a, b) => a - b);

const mem = process.memoryUsage();
const doc = [
  '## In-process, synthetic: list pages from the ordered indexes (issue 14 target 1, ADR 0024)',
  '',
  `Not an end-to-end run: \`npx tsx --conditions=react-server bench/list-index.ts --out bench/results/in-process/list-index.md\` ` +
    '(then `npx tsx bench/report.ts`). ',
  '',
  `In-process, synthetic (\`bench/list-index.ts\`, ${new Date().toISOString().slice(0, 10)}): ` +
    `${PODS.toLocaleString('en')} pod summaries in ${NAMESPACES.toLocaleString('en')} namespaces, no cluster, ` +
    'no HTTP, no session or access checks: the list code alone, one request at a time. Before = the full ' +
    'filter-sort-slice (`selectPage`) as `listForUser` called it (summaries already memoised); after = the ' +
    'ordered indexes (ADR 0024). p50 / p99 in ms over 15 (before) and 400 (after) iterations.',
  '',
  '| request | as | total | before p50 / p99 | after p50 / p99 |',
  '|---|---|---|---|---|',
  ...rows,
  '',
  `Index build on first use: ${fmt(buildEntries)} ms for the entries (summaries, search text), ` +
    `${fmt(buildOrders)} ms for the ${Object.keys(podsKind.sorts).length} pod orders. ` +
    `A watch event with every order built: p50 ${fmt(percentile(events, 50))} ms, p99 ${fmt(percentile(events, 99))} ms ` +
    `(5,000 updates). Heap used after the run: ${Math.round(mem.heapUsed / 1048576)} MiB (store, summaries and indexes). ` +
    `Node ${process.version}; load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}, ` +
    `at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (a shared machine: the slow "before" figures swell most).`,
].join('\n');
console.log(`\n${doc}`);
if (args.out) writeFileSync(args.out, `${doc}\n`);
