// In-process, synthetic: the shared cache's cold list of pods (issue 14 target 3, "cold first page ≤ 1.5×
// the raw paginated LIST"; ADR 0002 amendment "Cold list"). A child process serves N realistic pods as
// paginated JSON over HTTPS, each page answered a fixed latency after its request (standing in for the
// API server; the pages are made before it listens); the Reflector lists them as
// the server's cache does (pods' compact transform, the cache's indexes) and we time, from start:
// - the raw paginated LIST (the same pages read and dropped, no parse: what the bench's raw LIST does);
// - list → ready (the store holds the whole list, readiness would pass);
// - list → first indexed page (the list index of pods, then the first 50 by name, as the first request).
// With --before <commit>, the same measurement also runs on that commit's server code (extracted to a
// temporary folder), with the index made by the first request as that code did (or with the reflector,
// --before-index at-start, to compare code that does so too).
//
//   npx tsx --conditions=react-server bench/reflector-list.ts [--pods 100000] [--latency-ms 50] [--runs 3]
//     [--shape production|bench] [--before <commit> [--before-index first-request|at-start]] [--out file.md]
//
// Each measurement runs in a child process of its own (a fresh heap), one after the other.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { request as httpsRequest, createServer, type RequestOptions } from 'node:https';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { KubeConfig } from '@kubernetes/client-node';

import { podsKind } from '@/lib/k8s/kinds/pods';
import { cacheIndexes, cacheTransform } from '@/server/k8s/cache';
import { selectIndexedPage } from '@/server/k8s/indexed-page';
import { listIndexFor } from '@/server/k8s/list-index';
import { labelMatcher, listQuerySchema } from '@/server/k8s/list-query';
import { Reflector } from '@/server/k8s/reflector';

import { continueToken } from './measure-cold';
import { podShapes, type Shape } from './pod-shapes';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    namespaces: { type: 'string', default: '1000' },
    nodes: { type: 'string', default: '50' },
    'page-size': { type: 'string', default: '500' },
    'latency-ms': { type: 'string', default: '50' },
    shape: { type: 'string', default: 'production' },
    runs: { type: 'string', default: '3' },
    before: { type: 'string' },
    /** How the --before variant makes the list index: on the first request (code before ADR 0002's "Cold list"), or at start. */
    'before-index': { type: 'string', default: 'first-request' },
    out: { type: 'string' },
    // Internal: the page server, and one measurement.
    serve: { type: 'boolean', default: false },
    measure: { type: 'string' },
    index: { type: 'string', default: 'at-start' },
  },
});
const PODS = Number(args.pods);
const PAGE = Number(args['page-size']);
const LATENCY = Number(args['latency-ms']);
const SHAPE = args.shape as Shape;

interface Measured {
  rawMs: number;
  readyMs: number;
  firstPageMs: number;
  /** The first page's own time (index made on that request, or only the page read). */
  pageMs: number;
  /** CPU time of this process (user + system) from the reflector's start to ready: steadier than wall time on a shared machine. */
  readyCpuMs: number;
  total: number;
  pages: number;
}

/** The page server: pods made per request while the latency runs; `watch` requests are held open. */
function serve(): void {
  const dir = mkdtempSync(join(tmpdir(), 'wh-reflector-list-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
    { stdio: 'ignore' },
  );
  const shapes = podShapes(Number(args.namespaces), Number(args.nodes));
  const pod = SHAPE === 'bench' ? shapes.benchPod : shapes.productionPod;
  // Every page is made once before the server listens (≈ 1 GB for 100,000 production pods): while the
  // reflector lists, this process only waits out the latency and writes, as little CPU as possible
  // taken from the one being measured on a shared machine.
  const pages = new Map<number, Buffer>();
  for (let from = 0; from < PODS; from += PAGE) {
    const to = Math.min(PODS, from + PAGE);
    const items: string[] = [];
    for (let i = from; i < to; i++) items.push(JSON.stringify(pod(i)));
    const cont = to < PODS ? `,"continue":"${to}"` : '';
    const body = `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1000"${cont}},"items":[${items.join(',')}]}`;
    pages.set(from, Buffer.from(body));
  }
  const server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      if (url.searchParams.has('watch')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.flushHeaders();
        return;
      }
      const body = pages.get(Number(url.searchParams.get('continue') || 0));
      if (!body || Number(url.searchParams.get('limit')) !== PAGE) {
        res.writeHead(400).end(`pages of ${PAGE} only`);
        return;
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      }, LATENCY);
    },
  );
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
  process.on('SIGTERM', () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

function kubeConfig(port: number): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server: `https://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'x' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'u' }],
    currentContext: 'bench',
  });
  return kc;
}

function getText(port: number, path: string): Promise<string> {
  const options: RequestOptions = { host: '127.0.0.1', port, path, rejectUnauthorized: false };
  return new Promise((done, fail) => {
    httpsRequest(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
      res.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

async function measure(port: number, indexAtStart: boolean): Promise<Measured> {
  // The raw paginated LIST: every page read whole and dropped, no JSON parse.
  let t = performance.now();
  let cont = '';
  let pages = 0;
  do {
    const body = await getText(port, `/api/v1/pods?limit=${PAGE}${cont ? `&continue=${cont}` : ''}`);
    cont = continueToken(body);
    pages++;
  } while (cont);
  const rawMs = performance.now() - t;

  const reflector = new Reflector({
    kc: kubeConfig(port),
    listPath: '/api/v1/pods',
    transform: cacheTransform('pods'),
    indexes: cacheIndexes(podsKind),
    pageSize: PAGE,
    requestTimeoutMs: 120_000,
    labels: { cluster: 'bench', kind: 'pods' },
  });
  t = performance.now();
  const cpu = process.cpuUsage();
  // What ClusterCache.reflector does for pods since ADR 0002's "Cold list" amendment.
  if (indexAtStart) listIndexFor(reflector.store, podsKind).order(podsKind.defaultSort);
  reflector.start();
  if (!(await reflector.ready(600_000))) throw new Error(`no list: ${reflector.lastError?.message}`);
  const readyMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const p = performance.now();
  const query = listQuerySchema.parse({ limit: '50' });
  const page = selectIndexedPage(
    listIndexFor(reflector.store, podsKind),
    query,
    labelMatcher(query.labelSelector),
    'all',
  );
  const done = performance.now();
  await reflector.stop();
  return {
    rawMs,
    readyMs,
    firstPageMs: done - t,
    pageMs: done - p,
    readyCpuMs: (used.user + used.system) / 1000,
    total: page.total,
    pages,
  };
}

async function startPageServer(): Promise<{ port: number; child: ChildProcess }> {
  const serveArgs = [...process.execArgv, '--max-old-space-size=4096', process.argv[1]!, '--serve', ...passArgs()];
  const child = spawn(process.execPath, serveArgs, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    child.stdout!.once('data', (d: Buffer) => done(Number(d.toString().trim())));
    child.once('exit', (code) => fail(new Error(`page server exited (${code})`)));
  });
  return { port, child };
}

function passArgs(): string[] {
  return ['--pods', String(PODS), '--namespaces', args.namespaces!, '--nodes', args.nodes!].concat([
    '--page-size',
    String(PAGE),
    '--latency-ms',
    String(LATENCY),
    '--shape',
    SHAPE,
  ]);
}

/** A copy of `commit`'s tree (server code as it was) with this bench in it, and node_modules linked. */
function beforeTree(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wh-before-'));
  execFileSync('bash', ['-c', `git archive ${commit} | tar -x -C ${dir}`], { stdio: 'inherit' });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  copyFileSync(process.argv[1]!, join(dir, 'bench', 'reflector-list.ts'));
  return dir;
}

function runOne(cwd: string, port: number, index: 'at-start' | 'first-request'): Measured {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, '--max-old-space-size=6144', join(cwd, 'bench', 'reflector-list.ts')].concat([
      '--measure',
      String(port),
      '--index',
      index,
      ...passArgs(),
    ]),
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Measured;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function main(): Promise<void> {
  const load = loadavg();
  const { port, child } = await startPageServer();
  const variants: { name: string; cwd: string; index: 'at-start' | 'first-request' }[] = [];
  let before: string | undefined;
  if (args.before) {
    before = beforeTree(args.before);
    const index = args['before-index'] === 'at-start' ? 'at-start' : 'first-request';
    variants.push({ name: `before (${args.before})`, cwd: before, index });
  }
  variants.push({ name: 'after', cwd: process.cwd(), index: 'at-start' });
  const results = new Map<string, Measured[]>(variants.map((v) => [v.name, []]));
  try {
    // Interleaved, so a change in the machine's load falls on both.
    for (let r = 0; r < Number(args.runs); r++) {
      for (const v of variants) {
        const m = runOne(v.cwd, port, v.index);
        results.get(v.name)!.push(m);
        console.log(
          `${v.name} #${r + 1}: ${JSON.stringify(m, (_, x: unknown) => (typeof x === 'number' ? Math.round(x) : x))}`,
        );
      }
    }
  } finally {
    child.kill('SIGTERM');
    if (before) rmSync(before, { recursive: true, force: true });
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const rows = variants.map((v) => {
    const ms = results.get(v.name)!;
    const raw = median(ms.map((m) => m.rawMs));
    const ready = median(ms.map((m) => m.readyMs));
    const first = median(ms.map((m) => m.firstPageMs));
    const page = median(ms.map((m) => m.pageMs));
    const cpu = median(ms.map((m) => m.readyCpuMs));
    return `| ${v.name} | ${fmt(raw)} | ${fmt(ready)} (${(ready / raw).toFixed(2)}×) | ${fmt(first)} (${(first / raw).toFixed(2)}×) | ${page < 10 ? page.toFixed(2) : fmt(page)} | ${fmt(cpu)} |`;
  });
  const pages = [...results.values()][0]?.[0]?.pages ?? 0;
  const md = [
    '## In-process, synthetic: the cold list of pods (issue 14 target 3, ADR 0002 amendment "Cold list")',
    '',
    `Not an end-to-end run: \`npx tsx --conditions=react-server bench/reflector-list.ts --pods ${PODS} --shape ${SHAPE} --latency-ms ${LATENCY} --runs ${args.runs}${args.before ? ` --before ${args.before} --before-index ${args['before-index']}` : ''} --out <file>\`.`,
    '',
    `${PODS.toLocaleString('en-US')} pods ("${SHAPE}" shape, bench/pod-shapes.ts) in ${args.namespaces} namespaces, served by a child process over HTTPS in ${pages} pages of ${PAGE}, each answered ${LATENCY} ms after its request (pages made beforehand); the Reflector lists them with the cache's pod transform and indexes. Medians of ${args.runs} runs (each in a fresh process, variants interleaved), ms from the reflector's start. Raw = the same pages read and dropped one after the other (no parse), measured in the same process just before. First page = the list index of pods, then the first 50 by name; its own time in the last column (before: the index is built by that request; after: made with the reflector and built during the list). ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, load average at start ${load[0]!.toFixed(1)}, at the end ${loadavg()[0]!.toFixed(1)} (2 shared cores).`,
    '',
    '| code | raw paginated LIST | list → ready (× raw) | list → first page (× raw) | first page request | list → ready, CPU |',
    '| ---- | ------------------ | -------------------- | ------------------------- | ------------------ | ----------------- |',
    ...rows,
    '',
  ].join('\n');
  console.log(md);
  if (args.out) writeFileSync(args.out, md);
}

if (args.serve) serve();
else if (args.measure) {
  void measure(Number(args.measure), args.index === 'at-start').then(
    (m) => (console.log(JSON.stringify(m)), process.exit(0)),
    (err: unknown) => (console.error(err), process.exit(1)),
  );
} else {
  void main().catch((err: unknown) => (console.error(err), process.exit(1)));
}
