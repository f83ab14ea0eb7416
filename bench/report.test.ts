import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadResults, renderDoc, renderRun, renderStanding, writeDoc } from './report';
import { checkTargets, type BenchResult } from './result';

function run(overrides: Partial<BenchResult> = {}): BenchResult {
  return {
    version: 1,
    id: '2026-11-21T16-00-00Z',
    startedAt: '2026-11-21T16:00:00.000Z',
    finishedAt: '2026-11-21T16:10:00.000Z',
    command: 'npm run bench',
    machine: {
      hostname: 'h',
      os: 'Linux 6.1',
      cpuModel: 'Test CPU',
      cpus: 2,
      memoryGiB: 8,
      loadAverage: [1.5, 1.25, 1],
      node: 'v20.19.0',
      kubernetes: 'v1.20.2',
      wheelhouseCommit: 'abc1234',
    },
    scale: { pods: 10_000, namespaces: 50, deployments: 1_000, podsInCluster: 10_060, seedSeconds: 300 },
    cold: {
      listeningMs: 400,
      signInMs: 150,
      firstPageMs: 4200,
      firstPageRequestMs: 3700,
      rawListMs: 1200,
      rawListBytes: 37_800_000,
      rawPagedMs: 2100,
      rawPagedRequests: 21,
      ratio: 3.5,
    },
    warm: {
      path: '/api/k8s/local/pods?namespace=bench-00&sort=age&order=desc&limit=50',
      connections: 50,
      seconds: 20,
      rateCap: null,
      requests: 40_000,
      requestsPerSecond: 2000,
      p50: 20,
      p90: 30,
      p99: 45,
      max: 80,
      non2xx: 0,
      errors: 0,
    },
    apiserver: {
      idleSeconds: 20,
      idle: { 'PATCH nodes/status': 6 },
      warm: { 'PATCH nodes/status': 6, 'POST subjectaccessreviews': 2 },
      listsDuringWarm: 0,
      allListsDuringWarm: 2,
      watchesBeforeStart: { pods: 4 },
      watchesAfterSync: { pods: 5 },
      watchesAfterWarm: { pods: 5 },
      wheelhouseWatchesAfterSync: 1,
      wheelhouseWatchesAfterWarm: 1,
      expectedWatches: 1,
    },
    events: {
      streams: 5,
      targetRate: 100,
      seconds: 20,
      patches: 2000,
      patchErrors: 0,
      achievedRate: 99.5,
      deliveries: 10_000,
      missing: 0,
      latency: { count: 10_000, p50: 30, p95: 120, p99: 200, max: 300, mean: 40 },
      patchLatency: { count: 2000, p50: 8, p95: 20, p99: 30, max: 60, mean: 10 },
    },
    page: { allPodsBytes: 30_000, allPodsGzipBytes: 4000, namespacePageBytes: 29_000, items: 50 },
    serverCache: [{ cluster: 'local', kind: 'pods', resource: 'pods', state: 'ready', objects: 10_060 }],
    memory: {
      baselineRssMiB: 120,
      afterSyncRssMiB: 180,
      afterWarmRssMiB: 190,
      cachedObjects: 10_060,
      bytesPerCachedObject: 6250,
    },
    ...overrides,
  };
}

describe('checkTargets', () => {
  it('meets every target with good numbers', () => {
    expect(checkTargets(run()).map((t) => t.met)).toEqual([true, true, true, true]);
  });

  it('fails the targets the numbers miss', () => {
    const r = run({
      warm: { ...run().warm, p99: 51 },
      apiserver: { ...run().apiserver, listsDuringWarm: 2, wheelhouseWatchesAfterWarm: 50 },
      events: { ...run().events, missing: 1 },
    });
    expect(checkTargets(r).map((t) => t.met)).toEqual([false, false, false, false]);
  });

  it('fails the warm target when requests failed, and the event target without events', () => {
    const r = run({
      warm: { ...run().warm, non2xx: 3 },
      events: { ...run().events, latency: { count: 0, p50: null, p95: null, p99: null, max: null, mean: null } },
    });
    const [warm, , , events] = checkTargets(r);
    expect(warm?.met).toBe(false);
    expect(events).toMatchObject({ met: false, value: 'no events' });
  });
});

describe('the open-loop users run', () => {
  const users = (p99: number | null, non2xx = 0) => ({
    path: '/api/k8s/local/pods?namespace=bench-00&sort=age&order=desc&limit=50',
    users: 50,
    meanIntervalS: 0.5,
    seconds: 20,
    requests: 2000,
    requestsPerSecond: 99.8,
    non2xx,
    errors: 0,
    latency: { count: 2000, p50: 4, p95: 12, p99, max: 40, mean: 5 },
  });

  it('is judged first, on its p99 and on every request succeeding', () => {
    expect(checkTargets(run({ users: users(31) }))[0]).toMatchObject({ met: true, value: '31 ms at 99.8 req/s' });
    expect(checkTargets(run({ users: users(51) }))[0]?.met).toBe(false);
    expect(checkTargets(run({ users: users(31, 2) }))[0]?.met).toBe(false);
    expect(checkTargets(run({ users: users(null) }))[0]).toMatchObject({ met: false, value: 'no requests' });
  });

  it('is shown with the measurements', () => {
    const md = renderRun(run({ users: users(31) }));
    expect(md).toContain('warm, open loop: 50 users, a page every 0.5 s each (Poisson), 20 s');
    expect(md).toContain('p99 31 ms');
  });
});

describe('renderRun', () => {
  it('shows targets with met/not met, the measurements, the machine and the command', () => {
    const md = renderRun(run({ warm: { ...run().warm, p99: 70 } }));
    expect(md).toContain('## Run 2026-11-21T16-00-00Z');
    expect(md).toMatch(
      /\| warm p99, 50 connections back to back \(closed loop, saturation\) \| ≤ 50 ms \| 70 ms at \d+ req\/s \| \*\*no\*\* \|/,
    );
    expect(md).toContain('| LISTs of cached kinds during warm run | 0 | 0 (any resource, any client: 2) | yes |');
    expect(md).toContain('local/pods: ready, 10060 objects');
    expect(md).toContain('36.0 MiB');
    expect(md).toContain('3.50×');
    expect(md).toContain('2 × Test CPU, 8 GiB');
    expect(md).toContain('Command: `npm run bench`');
    expect(md).not.toContain('Development scale');
  });

  it('marks small runs as development scale', () => {
    expect(renderRun(run({ scale: { ...run().scale, pods: 500 } }))).toContain('Development scale');
  });
});

describe('renderDoc', () => {
  it('lists runs newest first after the how-to', () => {
    const md = renderDoc([run({ id: '2026-01-01T00-00-00Z' }), run({ id: '2026-02-01T00-00-00Z' })]);
    expect(md).toContain('npm run bench');
    expect(md.indexOf('2026-02-01')).toBeLessThan(md.indexOf('2026-01-01'));
  });

  it('says so when nothing is recorded', () => {
    expect(renderDoc([])).toContain('No runs recorded yet.');
  });
});

describe('writeDoc', () => {
  it('reads the result files, validates them and writes the formatted document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    try {
      writeFileSync(join(dir, 'a.json'), JSON.stringify(run()));
      expect(loadResults(dir)).toHaveLength(1);
      expect(await writeDoc(dir, join(dir, 'out.md'))).toBe(1);
      const md = readFileSync(join(dir, 'out.md'), 'utf8');
      expect(md).toContain('## Run 2026-11-21T16-00-00Z');
      // Prettier pads table cells to a common width: the header row is as long as the separator row.
      const table = md.split('\n').filter((l) => l.startsWith('| Target') || l.startsWith('| ---'));
      expect(table[0]?.length).toBe(table[1]?.length);
      // In-process sections (bench/results/in-process/*.md) come before the runs, as recorded.
      mkdirSync(join(dir, 'in-process'));
      writeFileSync(join(dir, 'in-process', 'list-index.md'), '## In-process, synthetic: lists\n\nfigures\n');
      await writeDoc(dir, join(dir, 'out.md'));
      const withExtra = readFileSync(join(dir, 'out.md'), 'utf8');
      expect(withExtra.indexOf('## In-process, synthetic: lists')).toBeGreaterThan(0);
      expect(withExtra.indexOf('## In-process, synthetic: lists')).toBeLessThan(withExtra.indexOf('## Run '));
      writeFileSync(join(dir, 'b.json'), JSON.stringify({ version: 1, id: 'x' }));
      expect(() => loadResults(dir)).toThrow(/b\.json: not a benchmark result/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scroll measurement', () => {
  const scroll: NonNullable<BenchResult['scroll']> = {
    path: '/c/local/pods',
    rowsTotal: 10_033,
    firstRowsMs: 850,
    scrollMs: 10_120,
    scrolledPx: 400_420,
    reachedEnd: true,
    longTasks: { count: 0, totalMs: 0, maxMs: 0 },
    longTasksDuringLoad: { count: 2, totalMs: 180, maxMs: 120 },
    frames: { frames: 601, fps: 59.4, maxGapMs: 33.4 },
    maxRowsInDom: 43,
  };

  it('adds a target and rows when the run has one, judged on long tasks and reaching the end', () => {
    const r = run({ scroll });
    expect(checkTargets(r).map((t) => t.met)).toEqual([true, true, true, true, true]);
    const md = renderRun(r);
    expect(md).toContain('| long tasks while scrolling 10,033 pods | 0 over 50 ms, to the end | 0 (max 0 ms) | yes |');
    expect(md).toContain('0 (total 0 ms, max 0 ms) / 2 (total 180 ms, max 120 ms)');
    expect(md).toContain('| scroll: most rows in the DOM at once | 43 |');
    const bad = run({ scroll: { ...scroll, reachedEnd: false, longTasks: { count: 1, totalMs: 70, maxMs: 70 } } });
    expect(checkTargets(bad)[4]).toMatchObject({ met: false, value: '1 (max 70 ms), end not reached' });
  });

  it('leaves runs recorded without it as they were', () => {
    expect(checkTargets(run())).toHaveLength(4);
    expect(renderRun(run())).not.toContain('scroll:');
  });
});

describe('runs of the standalone server (ready time, metrics scrape)', () => {
  const text = [
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    'process_resident_memory_bytes 419430400',
    'nodejs_heap_size_total_bytes 200000000',
    'wheelhouse_http_request_duration_seconds_count{method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 14000',
    'wheelhouse_k8s_cache_objects{cluster="local",kind="pods"} 10060',
  ].join('\n');
  const standalone = () => {
    const { listeningMs: _listening, ...cold } = run().cold;
    const { bytesPerCachedObject: _perObject, ...memory } = run().memory;
    return run({
      cold: { ...cold, readyMs: 3100 },
      memory,
      serverMetrics: { scrapedAt: '2026-11-24T08:10:00.000Z', text },
    });
  };

  it('shows spawn → ready instead of listening, and no RSS per cached object', () => {
    const md = renderRun(standalone());
    expect(md).toContain('| cold: server spawn → ready (`/api/readyz` 200, caches listed), first start | 3100 ms |');
    expect(md).not.toContain('spawn → listening');
    expect(md).not.toContain('RSS per cached object');
    expect(md).toContain('server RSS (at ready / after first page / after warm)');
    expect(md).toContain('| `process_resident_memory_bytes` after warm (server.js alone) | 400.0 MiB |');
  });

  it('adds the trimmed metrics excerpt as a code block', () => {
    const md = renderRun(standalone());
    const block = md.slice(md.indexOf('```text'), md.lastIndexOf('```'));
    expect(block).toContain('wheelhouse_k8s_cache_objects{cluster="local",kind="pods"} 10060');
    expect(block).toContain('route="/api/k8s/[cluster]/[kind]"');
    expect(block).not.toContain('nodejs_heap');
    expect(block).not.toContain('# HELP');
  });

  it('leaves runs recorded with next start as they were', () => {
    const md = renderRun(run());
    expect(md).toContain('| cold: server spawn → listening | 400 ms |');
    expect(md).toContain('(includes the first sync)');
    expect(md).not.toContain('```text');
  });
});

describe('issue 14: cold first page against the paginated LIST, and memory per pod', () => {
  const perPod = (bytesPerPod: number | null) => ({
    withoutRssMiB: 240,
    withoutPods: 60,
    withRssMiB: 600,
    withPods: 100_060,
    bytesPerPod,
  });

  it('judges the cold ratio on the paginated LIST and memory on RSS and bytes per pod', () => {
    const r = run({
      cold: { ...run().cold, ratioPaged: 1.4 },
      memory: { ...run().memory, afterSyncRssMiB: 600, afterWarmRssMiB: 900, perPod: perPod(3800) },
    });
    const byId = new Map(checkTargets(r).map((t) => [t.id, t]));
    expect(byId.get('cold-first-page')).toMatchObject({ met: true, target: '≤ 1.5×' });
    expect(byId.get('rss-total')).toMatchObject({ met: true, value: '900 MiB with 10,060 pods' });
    expect(byId.get('rss-per-pod')).toMatchObject({ met: true });
    expect(byId.get('rss-per-pod')?.value).toContain('3.71 KiB');
  });

  it('misses them past the goals, and says when too few pods were added to tell', () => {
    const r = run({
      cold: { ...run().cold, ratioPaged: 1.6 },
      memory: { ...run().memory, afterSyncRssMiB: 1100, afterWarmRssMiB: 900, perPod: perPod(null) },
    });
    const byId = new Map(checkTargets(r).map((t) => [t.id, t]));
    expect(byId.get('cold-first-page')?.met).toBe(false);
    expect(byId.get('rss-total')).toMatchObject({ met: false, value: '1100 MiB with 10,060 pods' });
    expect(byId.get('rss-per-pod')).toMatchObject({ met: false, value: 'not measured (too few pods added)' });
  });
});

describe('where each target stands', () => {
  const at = (id: string, pods: number, p99: number) =>
    run({ id, scale: { ...run().scale, pods }, warm: { ...run().warm, p99 } });

  it('puts the newest default-scale run next to the newest largest-scale run, joined on target ids', () => {
    const runs = [at('2026-11-24T01', 10_000, 40), at('2026-11-24T02', 10_000, 45), at('2026-11-24T03', 100_000, 80)];
    const md = renderStanding(runs);
    expect(md).toContain('## Where each target stands');
    expect(md).toContain('10,000 pods (2026-11-24T02)');
    expect(md).toContain('100,000 pods (2026-11-24T03)');
    const warmRow = md.split('\n').find((l) => l.startsWith('| warm p99, 50 connections')) ?? '';
    expect(warmRow).toContain('45 ms at 2000 req/s | yes | 80 ms at 2000 req/s | **no** |');
  });

  it('shows only the default scale when nothing larger ran, and nothing without runs', () => {
    const md = renderStanding([at('2026-11-24T01', 10_000, 40)]);
    expect(md).toContain('10,000 pods (2026-11-24T01)');
    expect(
      md
        .split('\n')
        .find((l) => l.startsWith('| Target'))
        ?.split('|').length,
    ).toBe(6);
    expect(renderStanding([])).toBe('');
  });

  it('marks a target one run did not measure', () => {
    const big = run({ id: 'b', scale: { ...run().scale, pods: 50_000 }, cold: { ...run().cold, ratioPaged: 1.2 } });
    const md = renderStanding([at('a', 10_000, 40), big]);
    const row = md.split('\n').find((l) => l.startsWith('| cold: server spawn')) ?? '';
    expect(row).toContain('| not measured | — |');
  });
});
