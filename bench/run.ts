// `npm run bench`: seeds the local cluster, starts a production Wheelhouse server and measures cold
// start, warm reads under 50 users, apiserver load, change-to-event latency and memory. Writes
// bench/results/<id>.json and regenerates docs/benchmarks.md. See docs/benchmarks.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as prettier from 'prettier';

import { diffCounts, total, totalForVerb, type Counts } from './apiserver-metrics';
import { authenticate, authServerEnv } from './auth';
import { bodyBytes } from './http-bytes';
import { kubeHttp, type KubeHttp } from './kube-http';
import { machineInfo } from './machine';
import { measureAttention } from './measure-attention';
import { measureCold, measureRawList, type ColdResult, type RawListTimes } from './measure-cold';
import { benchPodNames, measureEvents, patchAtRate } from './measure-events';
import { profileWhile } from './profile';
import { clients } from '../local-cluster/test/kube';
import { restartApiServer } from '../local-cluster/control-plane/up';
import { developerNamespaces, grantDeveloperAccess } from './developer-access';
import { measureFirstRows } from './measure-first-rows';
import { measureRelist } from './measure-relist';
import { measureViews } from './measure-views';
import { measureScroll } from './measure-scroll';
import { measureUsers, type UsersResult } from './measure-users';
import { benchProcesses, cpuShare, cpuShareLine, sampleCpu, type CpuShare } from './cpu-share';
import { measureVisible } from './measure-visible';
import { idleWindow, measureWarm, scrapeApiserver, warmPath } from './measure-warm';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { sleep } from './pool';
import { writeDoc } from './report';
import { controllerSpecs, upToDate } from './restart-controllers';
import { resultSchema, type BenchResult } from './result';
import { BENCH_LABEL, cleanupBench, seedBench, waitAllRunning } from './seed';
import { ensureBuild, REPO_ROOT, serverRss, startServer } from './server';
import { serverCache } from './server-cache';
import { sampleValue, scrapeMetrics } from './server-metrics';
import { runScrollOnly } from './scroll-only';
import type { LatencySummary } from './stats';

const began = performance.now();
const log = (msg: string) =>
  console.log(`[bench ${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const MiB = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;

async function podsInCluster(kube: KubeHttp): Promise<number> {
  const res = await kube.request('GET', '/api/v1/pods?limit=1');
  const list = JSON.parse(res.body) as { items: unknown[]; metadata: { remainingItemCount?: number } };
  return list.items.length + (list.metadata.remainingItemCount ?? 0);
}

/** NaN (no samples) becomes null, which is what JSON can say. */
function jsonLatency(l: LatencySummary) {
  const n = (v: number) => (Number.isFinite(v) ? v : null);
  return { count: l.count, p50: n(l.p50), p95: n(l.p95), p99: n(l.p99), max: n(l.max), mean: n(l.mean) };
}

function ofResources(c: Counts, resources: readonly string[]): number {
  return total(Object.fromEntries(Object.entries(c).filter(([k]) => resources.includes(k))));
}

function listsOf(c: Counts, resources: readonly string[]): number {
  return total(Object.fromEntries(resources.map((r) => [r, c[`LIST ${r}`] ?? 0])));
}

async function pageBytes(baseUrl: string, headers: Record<string, string>, namespace: string, items: number) {
  const allPods = `${baseUrl}/api/k8s/local/pods?limit=50`;
  return {
    allPodsBytes: await bodyBytes(allPods, headers, 'identity'),
    allPodsGzipBytes: await bodyBytes(allPods, headers, 'gzip'),
    namespacePageBytes: await bodyBytes(`${baseUrl}${warmPath(namespace)}`, headers, 'identity'),
    items,
  };
}

function coldSection(cold: ColdResult, raw: RawListTimes): BenchResult['cold'] {
  return {
    readyMs: Math.round(cold.readyMs),
    signInMs: Math.round(cold.signInMs),
    firstPageMs: Math.round(cold.firstPageMs),
    firstPageRequestMs: Math.round(cold.firstPageRequestMs),
    rawListMs: Math.round(raw.rawListMs),
    rawListBytes: raw.rawListBytes,
    rawPagedMs: Math.round(raw.rawPagedMs),
    rawPagedRequests: raw.rawPagedRequests,
    ratio: Math.round((cold.firstPageMs / raw.rawListMs) * 100) / 100,
    ratioPaged: Math.round((cold.firstPageMs / raw.rawPagedMs) * 100) / 100,
    ...(cold.podsListToFirstPageMs !== undefined
      ? {
          spawnToPodsListMs: cold.spawnToPodsListMs === undefined ? undefined : Math.round(cold.spawnToPodsListMs),
          podsListMs: cold.podsListMs === undefined ? undefined : Math.round(cold.podsListMs),
          podsListToFirstPageMs: Math.round(cold.podsListToFirstPageMs),
          cacheRatioPaged: Math.round((cold.podsListToFirstPageMs / raw.rawPagedMs) * 100) / 100,
        }
      : {}),
  };
}

/** A bench Deployment of `namespace` (the first one the API lists), for the workload page's first rows. */
async function benchDeployment(kube: KubeHttp, namespace: string): Promise<{ namespace: string; name: string }> {
  const res = await kube.request(
    'GET',
    `/apis/apps/v1/namespaces/${namespace}/deployments?limit=1&labelSelector=${encodeURIComponent(`${BENCH_LABEL}=true`)}`,
  );
  const list = JSON.parse(res.body) as { items: { metadata: { name: string } }[] };
  const name = list.items[0]?.metadata.name;
  if (res.status !== 200 || !name) throw new Error(`no bench Deployment in ${namespace} (HTTP ${res.status})`);
  return { namespace, name };
}

interface RssAt {
  rssMiB: number;
  pods: number;
}

/**
 * The server's RSS after its first page and 5 s, against the cluster as it is now (before the bench pods are seeded):
 * the "without" half of RSS per cached pod. The same binary, environment and wait as the measured run.
 */
async function rssWithoutBenchPods(o: BenchOptions, kube: KubeHttp): Promise<RssAt> {
  const pods = await podsInCluster(kube);
  const baseUrl = `http://127.0.0.1:${o.port}`;
  const server = await startServer(o.distDir, o.port, join(REPO_ROOT, o.distDir, 'bench-baseline.log'), {
    ...authServerEnv(baseUrl, REPO_ROOT),
  });
  try {
    // As the measured run does before reading "after sync": sign in, serve the first page, wait 5 s.
    await measureCold(server, authenticate, () => undefined);
    await sleep(5000);
    const rssMiB = MiB(serverRss(server.pid));
    log(`memory: ${rssMiB} MiB RSS 5 s after ready with ${pods} pods in the cluster (before seeding)`);
    return { rssMiB, pods };
  } finally {
    await server.stop();
  }
}

function perPodMemory(without: RssAt | undefined, withRssMiB: number, withPods: number) {
  if (!without) return undefined;
  const added = withPods - without.pods;
  return {
    withoutRssMiB: without.rssMiB,
    withoutPods: without.pods,
    withRssMiB,
    withPods,
    // Fewer than 1,000 pods added: the difference would be mostly noise.
    bytesPerPod: added >= 1000 ? Math.round(((withRssMiB - without.rssMiB) * 2 ** 20) / added) : null,
  };
}

/**
 * A window of its own, after the measured ones (the profiler's sampling costs a little CPU): the open-loop
 * users while pods change at --change-rate, with the server's main thread profiled.
 */
async function profiledWindow(
  inspectPort: number,
  serverPid: number,
  o: BenchOptions,
  kube: KubeHttp,
  pods: readonly { namespace: string; name: string }[],
  users: () => Promise<UsersResult>,
): Promise<BenchResult['profile']> {
  const stop = new AbortController();
  log(`profile: ${o.profileSeconds} s of open-loop users with ${o.changeRate} pod changes/s, server profiled`);
  const changes = patchAtRate(kube, pods, { rate: o.changeRate, signal: stop.signal });
  try {
    // Who used the machine's two cores meanwhile: the cluster's processes, the server, the bench itself.
    const procs = benchProcesses({ wheelhouse: serverPid, bench: process.pid });
    const before = sampleCpu(procs, serverPid);
    const { result, profile } = await profileWhile(inspectPort, users, log);
    const cpu = cpuShare(before, sampleCpu(procs, serverPid));
    log(`profile: ${cpuShareLine(cpu)}`);
    if (!profile) return undefined;
    return {
      load: `${o.users} open-loop users (${result.path}) and ${o.changeRate} pod changes/s, ${o.profileSeconds} s`,
      ...profile,
      latency: jsonLatency(result.latency),
      cpu,
    };
  } finally {
    stop.abort();
    await changes;
  }
}

async function measure(
  o: BenchOptions,
  namespaces: string[],
  kube: KubeHttp,
  seedSeconds: number,
  without: RssAt | undefined,
) {
  const raw = await measureRawList(kube, log);
  const inCluster = await podsInCluster(kube);
  const watchesBeforeStart = (await scrapeApiserver(kube)).watches;
  const logFile = join(REPO_ROOT, o.distDir, 'bench-server.log');
  const baseUrl = `http://127.0.0.1:${o.port}`;
  // Random per run, like the session secret: the scrape below is the only client.
  const metricsToken = randomBytes(24).toString('base64url');
  log(`server: standalone server.js on ${baseUrl}, waiting for /api/readyz`);
  const inspectPort = o.port + 1;
  const server = await startServer(o.distDir, o.port, logFile, {
    ...authServerEnv(baseUrl, REPO_ROOT),
    WHEELHOUSE_METRICS_TOKEN: metricsToken,
    // The inspector only listens (on loopback) until the profiled window connects to it.
    ...(o.profile ? { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } : {}),
  });
  log(`server: ready after ${server.readyMs} ms (pid ${server.pid}, log ${logFile} when stopped)`);
  try {
    const cold = await measureCold(server, authenticate, log, metricsToken);
    await sleep(5000); // give V8 a moment to collect the first sync's garbage before reading memory
    const afterSyncRss = serverRss(server.pid);
    const watchesAfterSync = (await scrapeApiserver(kube)).watches;
    const headers = cold.headers;
    const page = await pageBytes(server.baseUrl, headers, namespaces[0] ?? 'default', cold.firstPage.items.length);
    log(`page: ${page.allPodsBytes} bytes (gzip ${page.allPodsGzipBytes}) for ${page.items} pods`);

    log(`apiserver: idle window of ${o.warmSeconds} s for comparison`);
    const idle = await idleWindow(kube, o.warmSeconds);
    const warm = await measureWarm(server.baseUrl, headers, namespaces, o.connections, o.warmSeconds, o.warmRate, log);
    const after = await scrapeApiserver(kube);
    const warmCounts = diffCounts(idle.after, after.requests);
    const users = await measureUsers(
      server.baseUrl,
      headers,
      namespaces,
      { users: o.users, meanIntervalS: o.userInterval, seconds: o.warmSeconds },
      log,
    );
    log(`apiserver during warm run: ${JSON.stringify(warmCounts)}`);
    const afterWarmRss = serverRss(server.pid);
    const metricsText = await scrapeMetrics(server.baseUrl, metricsToken);
    const scrapedAt = new Date().toISOString();
    const metricsRss = sampleValue(metricsText, 'process_resident_memory_bytes');
    log(`/api/metrics: ${metricsText.length} bytes; process_resident_memory_bytes ${MiB(metricsRss ?? 0)} MiB`);
    // What the server says it caches: one reflector (one watch) per cluster and kind.
    const cached = await serverCache(server.baseUrl, headers);
    const resources = [...new Set(cached.map((k) => k.resource))];
    const cachedObjects = cached.reduce((n, k) => n + k.objects, 0);
    log(`server cache: ${cached.map((k) => `${k.cluster}/${k.kind} ${k.state} ${k.objects} objects`).join(', ')}`);
    // The Overview's summary (ADR 0023), as an operator and as a developer: its bytes must not grow
    // with the cluster. After the cache census: its first request starts the reflectors the Overview
    // needs (StatefulSets, DaemonSets, HPAs), which the watch counts above must not include.
    const attention = await measureAttention(
      server.baseUrl,
      { connections: 10, seconds: Math.min(o.warmSeconds, 10) },
      log,
    );

    // Who used the machine's CPUs in each window below (the cluster's processes share its cores).
    const cpu: Record<string, CpuShare> = {};
    const procs = benchProcesses({ wheelhouse: server.pid, bench: process.pid });
    const watched = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const before = sampleCpu(procs, server.pid);
      try {
        return await run();
      } finally {
        const share = cpuShare(before, sampleCpu(procs, server.pid));
        cpu[name] = share;
        log(`cpu (${name}): ${cpuShareLine(share)}`);
      }
    };

    // On the warm server before any load run: navigation → first data row in Chromium.
    const deployment = await benchDeployment(kube, namespaces[0] ?? 'bench-00');
    const firstRows = await watched('first rows', () => measureFirstRows(server.baseUrl, { deployment }, log));
    // Every view of the Pods list over HTTP, as an operator (all namespaces) and a developer (2).
    const views = await watched('views', () =>
      measureViews(
        server.baseUrl,
        { operator: namespaces, developer: developerNamespaces(namespaces) },
        { users: o.users, meanIntervalS: o.userInterval, connections: o.connections, seconds: o.viewSeconds },
        log,
        metricsToken,
      ),
    );
    const pods = await benchPodNames(kube, `${BENCH_LABEL}=true`);
    const events = await watched('change → event', () =>
      measureEvents(
        server.baseUrl,
        headers,
        kube,
        pods,
        { streams: o.streams, rate: o.changeRate, seconds: o.changeSeconds },
        log,
      ),
    );
    // After measureEvents: both patch the bench pods, and must not run at once.
    const visible = await measureVisible(
      server.baseUrl,
      headers,
      kube,
      pods,
      { namespace: namespaces[0] ?? 'bench-00', pods: 30, spacingMs: 300, rate: o.changeRate },
      log,
    );
    const scroll = await measureScroll(server.baseUrl, headers, o.scrollSeconds, log);
    const profile = o.profile
      ? await profiledWindow(inspectPort, server.pid, o, kube, pods, () =>
          measureUsers(
            server.baseUrl,
            headers,
            namespaces,
            { users: o.users, meanIntervalS: o.userInterval, seconds: o.profileSeconds },
            log,
          ),
        )
      : undefined;
    // Last: it restarts the kube-apiserver (every client of the cluster sees the outage).
    const relist = o.relist
      ? await measureRelist({
          baseUrl: server.baseUrl,
          headers,
          metricsToken,
          kube,
          restart: (r) => restartApiServer({ ...r, log }),
          log,
        })
      : undefined;
    return {
      scale: {
        pods: o.pods,
        namespaces: o.namespaces,
        deployments: o.deployments,
        seed: o.seed,
        failingPods: o.failingPods,
        podsInCluster: inCluster,
        seedSeconds,
      },
      cold: coldSection(cold, raw),
      warm,
      users: { ...users, latency: jsonLatency(users.latency) },
      apiserver: {
        idleSeconds: o.warmSeconds,
        idle: diffCounts(idle.before, idle.after),
        warm: warmCounts,
        listsDuringWarm: listsOf(warmCounts, resources),
        allListsDuringWarm: totalForVerb(warmCounts, 'LIST'),
        watchesBeforeStart,
        watchesAfterSync,
        watchesAfterWarm: after.watches,
        wheelhouseWatchesAfterSync:
          ofResources(watchesAfterSync, resources) - ofResources(watchesBeforeStart, resources),
        wheelhouseWatchesAfterWarm: ofResources(after.watches, resources) - ofResources(watchesBeforeStart, resources),
        expectedWatches: cached.length, // kinds × clusters, as the server reports them
      },
      events: {
        ...events,
        latency: jsonLatency(events.latency),
        patchLatency: jsonLatency(events.patchLatency),
        apiWatch: { ...events.apiWatch, latency: jsonLatency(events.apiWatch.latency) },
      },
      page,
      serverCache: cached,
      memory: {
        baselineRssMiB: MiB(cold.baselineRss),
        afterSyncRssMiB: MiB(afterSyncRss),
        afterWarmRssMiB: MiB(afterWarmRss),
        cachedObjects,
        // No per-object figure from one start: at readiness the caches are already listed, so the
        // baseline holds them. perPod compares two starts instead.
        perPod: perPodMemory(without, MiB(afterSyncRss), inCluster),
      },
      serverMetrics: { scrapedAt, text: metricsText },
      scroll,
      profile,
      cpu,
      attention,
      visible,
      firstRows,
      views,
      relist,
    };
  } finally {
    await server.stop();
    log('server stopped');
  }
}

async function main(argv: string[]): Promise<void> {
  const o = parseOptions(argv);
  if (o === 'help') return console.log(USAGE);
  const startedAt = new Date();
  const machine = machineInfo();
  log(
    `${o.pods} pods in ${o.namespaces} namespaces, ${o.deployments} Deployments; ${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')}`,
  );
  if (o.pods > 2000 && !controllerSpecs().every((c) => upToDate(c.spec))) {
    log('note: kube-controller-manager/kube-scheduler run without --kube-api-qps: pods come at ~20/s.');
    log('      `npx tsx bench/restart-controllers.ts` restarts just those two with the current flags.');
  }
  ensureBuild(o.distDir, o.build, log);
  const kube = kubeHttp('admin');
  if (o.only === 'scroll') {
    // Against the bench pods of an earlier --keep run: no seeding, and they stay for the next run.
    await runScrollOnly(o, kube, log).finally(() => kube.close());
    return;
  }
  let ok = false;
  try {
    const without = await rssWithoutBenchPods(o, kube);
    const seedStarted = performance.now();
    const namespaces = await seedBench(o, log, kube);
    await waitAllRunning(o, kube, log);
    await grantDeveloperAccess(clients('admin'), developerNamespaces(namespaces));
    const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
    const measured = await measure(o, namespaces, kube, seedSeconds, without);
    const finishedAt = new Date();
    const id = startedAt
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replace(/:/g, '-');
    const result: BenchResult = resultSchema.parse({
      version: 1,
      id,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
      machine,
      ...measured,
    });
    const dir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${id}.json`);
    // Formatted like every other file in the repository, so the record passes `npm run format:check`.
    const style = (await prettier.resolveConfig(file)) ?? {};
    writeFileSync(file, await prettier.format(JSON.stringify(result, null, 2), { ...style, filepath: file }));
    const runs = await writeDoc(dir, join(REPO_ROOT, 'docs', 'benchmarks.md'));
    log(`wrote bench/results/${id}.json; docs/benchmarks.md now lists ${runs} run(s)`);
    ok = true;
  } finally {
    if (o.keep) log('--keep: leaving the bench namespaces in place');
    else await cleanupBench(log).catch((err: unknown) => log(`cleanup failed: ${String(err)}`));
    kube.close();
  }
  if (!ok) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
