import { z } from 'zod';

import { attentionRunSchema, attentionTargets } from './attention-result';
import { firstRowsRunSchema, firstRowsTargets } from './first-rows-result';
import { relistRunSchema, relistTargets } from './relist-result';
import { scrollProfileSchema } from './scroll-profile';
import { viewsRunSchema, viewsTargets } from './views-result';
import { visibleRunSchema, visibleTargets } from './visible-result';

// The record of one benchmark run, as written to bench/results/<id>.json and read back (validated)
// when docs/benchmarks.md is regenerated. Times in milliseconds, sizes in bytes unless named otherwise.

const counts = z.record(z.string(), z.number());
const nullableNumber = z.number().nullable();

export const latencySchema = z.object({
  count: z.number(),
  p50: nullableNumber,
  p95: nullableNumber,
  p99: nullableNumber,
  max: nullableNumber,
  mean: nullableNumber,
});

const longTasksSchema = z.object({ count: z.number(), totalMs: z.number(), maxMs: z.number() });

/** Scrolling the Pods list (all namespaces) in Chromium: bench/measure-scroll.ts. */
export const scrollSchema = z.object({
  path: z.string(),
  rowsTotal: z.number(),
  firstRowsMs: z.number(),
  scrollMs: z.number(),
  scrolledPx: z.number(),
  reachedEnd: z.boolean(),
  longTasks: longTasksSchema,
  longTasksDuringLoad: longTasksSchema,
  frames: z.object({ frames: z.number(), fps: z.number(), maxGapMs: z.number() }),
  maxRowsInDom: z.number(),
  /** The page's used JS heap after the scroll (absent in older records). */
  jsHeapMiB: z.number().optional(),
  /** The renderer's CPU profile over the scroll (absent in older records). */
  profile: scrollProfileSchema.optional(),
  /** When it was measured: with `--only scroll`, later than the run it was added to. */
  measuredAt: z.string().optional(),
});

/** Who used the machine's CPUs during a window (bench/cpu-share.ts). */
const cpuShareSchema = z.object({
  seconds: z.number(),
  cores: z.array(z.object({ name: z.string(), cores: z.number() })),
  pressureSomePercent: z.number().optional(),
  serverRunMs: z.number().optional(),
  serverWaitMs: z.number().optional(),
});

export const resultSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  command: z.string(),
  machine: z.object({
    hostname: z.string(),
    os: z.string(),
    cpuModel: z.string(),
    cpus: z.number(),
    memoryGiB: z.number(),
    loadAverage: z.array(z.number()),
    node: z.string(),
    kubernetes: z.string(),
    wheelhouseCommit: z.string(),
  }),
  scale: z.object({
    pods: z.number(),
    namespaces: z.number(),
    deployments: z.number(),
    /** How the pods were made: through Deployments, or bare pods bound to the simulated nodes (--large). */
    seed: z.enum(['deployments', 'pods']).optional(),
    failingPods: z.number().optional(),
    /** All pods in the cluster (bench and demo seed): what the server caches. */
    podsInCluster: z.number(),
    seedSeconds: z.number(),
  }),
  cold: z.object({
    /** Spawn → any HTTP answer (`next start`, runs before the standalone runner). */
    listeningMs: z.number().optional(),
    /** Spawn → /api/readyz 200, the standalone server on a fresh data dir (runs since the standalone runner). */
    readyMs: z.number().optional(),
    /** Password sign-in (part of firstPageMs). */
    signInMs: z.number(),
    firstPageMs: z.number(),
    firstPageRequestMs: z.number(),
    rawListMs: z.number(),
    rawListBytes: z.number(),
    rawPagedMs: z.number(),
    rawPagedRequests: z.number(),
    /** firstPageMs / rawListMs */
    ratio: z.number(),
    /** firstPageMs / rawPagedMs: issue 14's cold target (≤ 1.5×); absent in earlier runs. */
    ratioPaged: z.number().optional(),
    /** From the server's /api/metrics: spawn → its pods LIST started (the process's boot). */
    spawnToPodsListMs: z.number().optional(),
    /** Its pods LIST started → stored whole. */
    podsListMs: z.number().optional(),
    /** Its pods LIST started → the first page answered: the cold cache without the boot. */
    podsListToFirstPageMs: z.number().optional(),
    /** podsListToFirstPageMs / rawPagedMs. */
    cacheRatioPaged: z.number().optional(),
  }),
  warm: z.object({
    path: z.string(),
    connections: z.number(),
    seconds: z.number(),
    rateCap: z.number().nullable(),
    requests: z.number(),
    requestsPerSecond: z.number(),
    p50: z.number(),
    p90: z.number(),
    p99: z.number(),
    max: z.number(),
    non2xx: z.number(),
    errors: z.number(),
  }),
  /** Open-loop warm run (bench/measure-users.ts); absent in runs recorded before it existed. */
  users: z
    .object({
      path: z.string(),
      users: z.number(),
      meanIntervalS: z.number(),
      seconds: z.number(),
      requests: z.number(),
      requestsPerSecond: z.number(),
      non2xx: z.number(),
      errors: z.number(),
      latency: latencySchema,
    })
    .optional(),
  apiserver: z.object({
    idleSeconds: z.number(),
    idle: counts,
    warm: counts,
    /** LISTs of the resources Wheelhouse caches (pods in this benchmark): the target. */
    listsDuringWarm: z.number(),
    /** LISTs of any resource by any client (the cluster is shared: e.g. v1.20's CronJob controller polls). */
    allListsDuringWarm: z.number(),
    watchesBeforeStart: counts,
    watchesAfterSync: counts,
    watchesAfterWarm: counts,
    /** Open watches on the cached resources added since the server started: after sync, after the warm run. */
    wheelhouseWatchesAfterSync: z.number(),
    wheelhouseWatchesAfterWarm: z.number(),
    expectedWatches: z.number(),
  }),
  /** Who used the machine's CPUs during each measured window, by window name; absent in older records. */
  cpu: z.record(z.string(), cpuShareSchema).optional(),
  /** Where the server's main thread spent a profiled window (bench/profile.ts); absent when not profiled. */
  profile: z
    .object({
      load: z.string(),
      seconds: z.number(),
      areas: z.array(z.object({ area: z.string(), percent: z.number() })),
      top: z.array(z.object({ fn: z.string(), where: z.string(), percent: z.number() })),
      latency: latencySchema,
      /** Who used the machine's CPUs during the window (bench/cpu-share.ts); absent in older records. */
      cpu: cpuShareSchema.optional(),
    })
    .optional(),
  events: z.object({
    streams: z.number(),
    targetRate: z.number(),
    seconds: z.number(),
    patches: z.number(),
    patchErrors: z.number(),
    achievedRate: z.number(),
    /** Duration of the PATCH requests themselves (part of the change-to-event latency). */
    patchLatency: latencySchema,
    deliveries: z.number(),
    missing: z.number(),
    latency: latencySchema,
    /** The same patches seen by a direct watch of all pods on the API server (the API server's share). */
    apiWatch: z.object({ deliveries: z.number(), missing: z.number(), latency: latencySchema }).optional(),
  }),
  page: z.object({
    allPodsBytes: z.number(),
    allPodsGzipBytes: z.number(),
    namespacePageBytes: z.number(),
    items: z.number(),
  }),
  /** The server's reflectors after the warm run (GET /api/clusters). */
  serverCache: z.array(
    z.object({ cluster: z.string(), kind: z.string(), resource: z.string(), state: z.string(), objects: z.number() }),
  ),
  memory: z.object({
    /** Before the first page: with `next start` nothing was cached yet; with readyMs, the caches are listed. */
    baselineRssMiB: z.number(),
    afterSyncRssMiB: z.number(),
    afterWarmRssMiB: z.number(),
    cachedObjects: z.number(),
    /** (after sync − baseline) / cachedObjects; only meaningful when the baseline had nothing cached. */
    bytesPerCachedObject: z.number().optional(),
    /**
     * RSS per cached pod: the same server started twice, against the cluster without the bench pods
     * (`without`) and with them (`with`), each read 5 s after ready; (with − without) / (pods added).
     * Absent in earlier runs.
     */
    perPod: z
      .object({
        withoutRssMiB: z.number(),
        withoutPods: z.number(),
        withRssMiB: z.number(),
        withPods: z.number(),
        bytesPerPod: z.number().nullable(),
      })
      .optional(),
  }),
  /** `GET /api/metrics` (bearer token) right after the warm runs; absent before the standalone runner. */
  serverMetrics: z.object({ scrapedAt: z.string(), text: z.string() }).optional(),
  /** Absent in runs recorded before the scroll measurement existed. */
  scroll: scrollSchema.optional(),
  /** The Overview's attention answer as an operator and a developer; absent in runs before it existed. */
  attention: z.array(attentionRunSchema).optional(),
  /** Create → visible in Chromium while changes flow (bench/measure-visible.ts); absent in earlier runs. */
  visible: visibleRunSchema.optional(),
  /** Navigation start → first data row painted in Chromium (bench/measure-first-rows.ts); absent in earlier runs. */
  firstRows: z.array(firstRowsRunSchema).optional(),
  /** Every view of the Pods list over HTTP as an operator and a developer (bench/measure-views.ts). */
  views: viewsRunSchema.optional(),
  /** Relist after a kube-apiserver restart (bench/measure-relist.ts); absent when not run. */
  relist: relistRunSchema.optional(),
});

export type BenchResult = z.infer<typeof resultSchema>;

export interface TargetCheck {
  /** Stable across runs and scales (names carry numbers): the summary table joins runs on it. */
  id: string;
  name: string;
  target: string;
  value: string;
  met: boolean;
}

/** The targets, judged on a run's numbers. */
export function checkTargets(r: BenchResult): TargetCheck[] {
  const p95 = r.events.latency.p95;
  const scroll = r.scroll;
  const scrollCheck: TargetCheck[] = scroll
    ? [
        {
          id: 'scroll-long-tasks',
          name: `long tasks while scrolling ${scroll.rowsTotal.toLocaleString('en')} pods`,
          target: '0 over 50 ms, to the end',
          value: `${scroll.longTasks.count} (max ${scroll.longTasks.maxMs} ms)${scroll.reachedEnd ? '' : ', end not reached'}`,
          met: scroll.longTasks.count === 0 && scroll.reachedEnd,
        },
      ]
    : [];
  const u = r.users;
  const usersCheck: TargetCheck[] = u
    ? [
        {
          id: 'warm-users-p99',
          name: `warm p99, ${u.users} users (a page every ${u.meanIntervalS} s each, open loop)`,
          target: '≤ 50 ms',
          value: u.latency.p99 === null ? 'no requests' : `${u.latency.p99} ms at ${u.requestsPerSecond} req/s`,
          met: u.latency.p99 !== null && u.latency.p99 <= 50 && u.non2xx === 0 && u.errors === 0,
        },
      ]
    : [];
  return [
    ...usersCheck,
    {
      id: 'warm-closed-p99',
      name: `warm p99, ${r.warm.connections} connections back to back (closed loop, saturation)`,
      target: '≤ 50 ms',
      value: `${r.warm.p99} ms at ${r.warm.requestsPerSecond} req/s`,
      met: r.warm.p99 <= 50 && r.warm.non2xx === 0,
    },
    {
      id: 'warm-lists',
      name: 'LISTs of cached kinds during warm run',
      target: '0',
      value: `${r.apiserver.listsDuringWarm} (any resource, any client: ${r.apiserver.allListsDuringWarm})`,
      met: r.apiserver.listsDuringWarm === 0,
    },
    {
      id: 'watches',
      name: 'watches held (after warm run)',
      target: `= kinds × clusters = ${r.apiserver.expectedWatches}`,
      value: String(r.apiserver.wheelhouseWatchesAfterWarm),
      met: r.apiserver.wheelhouseWatchesAfterWarm === r.apiserver.expectedWatches,
    },
    {
      id: 'change-to-event-p95',
      name: `change-to-event p95 (${r.events.targetRate}/s)`,
      target: '≤ 250 ms, none lost',
      value: p95 === null ? 'no events' : `${p95} ms, ${r.events.missing} lost`,
      met: p95 !== null && p95 <= 250 && r.events.missing === 0,
    },
    ...coldChecks(r),
    ...memoryChecks(r),
    ...scrollCheck,
    ...attentionTargets(r.attention),
    ...viewsTargets(r.views),
    ...firstRowsTargets(r.firstRows),
    ...visibleTargets(r.visible),
    ...relistTargets(r.relist),
  ];
}

/** Issue 14: the cold first page against the raw paginated LIST of all pods in the same run. */
function coldChecks(r: BenchResult): TargetCheck[] {
  const ratio = r.cold.ratioPaged;
  if (ratio === undefined) return [];
  return [
    {
      id: 'cold-first-page',
      name: 'cold: server spawn → first page of all pods, against the raw paginated LIST (limit=500)',
      target: '≤ 1.5×',
      value: `${ratio.toFixed(2)}× (${Math.round(r.cold.firstPageMs)} ms / ${Math.round(r.cold.rawPagedMs)} ms)`,
      met: ratio <= 1.5,
    },
    ...(r.cold.cacheRatioPaged !== undefined && r.cold.podsListToFirstPageMs !== undefined
      ? [
          {
            id: 'cold-cache-first-page',
            name: "cold cache: the server's pods LIST started → first page of all pods (its boot excluded), against the raw paginated LIST",
            target: '≤ 1.5×',
            value:
              `${r.cold.cacheRatioPaged.toFixed(2)}× (${Math.round(r.cold.podsListToFirstPageMs)} ms / ` +
              `${Math.round(r.cold.rawPagedMs)} ms; boot ${Math.round(r.cold.spawnToPodsListMs ?? 0)} ms before it)`,
            met: r.cold.cacheRatioPaged <= 1.5,
          },
        ]
      : []),
  ];
}

/** Issue 14: server RSS ≤ 1 GiB, and ≤ 4 KiB per cached pod. */
function memoryChecks(r: BenchResult): TargetCheck[] {
  const per = r.memory.perPod;
  if (!per) return [];
  const worst = Math.max(r.memory.afterSyncRssMiB, r.memory.afterWarmRssMiB);
  return [
    {
      id: 'rss-total',
      name: 'server RSS, the highest of after sync and after the warm runs',
      target: '≤ 1 GiB',
      value: `${worst} MiB with ${r.scale.podsInCluster.toLocaleString('en')} pods`,
      met: worst <= 1024,
    },
    {
      id: 'rss-per-pod',
      name: 'server RSS per cached pod (two starts: without and with the bench pods)',
      target: '≤ 4 KiB',
      value:
        per.bytesPerPod === null
          ? 'not measured (too few pods added)'
          : `${(per.bytesPerPod / 1024).toFixed(2)} KiB (${per.withoutRssMiB} MiB with ${per.withoutPods.toLocaleString('en')} pods → ${per.withRssMiB} MiB with ${per.withPods.toLocaleString('en')})`,
      met: per.bytesPerPod !== null && per.bytesPerPod <= 4096,
    },
  ];
}
