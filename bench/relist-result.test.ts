import { describe, expect, it } from 'vitest';

import { allReady, markerPod } from './measure-relist';
import {
  diffCounters,
  outageSummary,
  relistCounters,
  relistRows,
  relistRunSchema,
  relistTargets,
  statesBetween,
  sumSamples,
  type RelistRun,
} from './relist-result';

const METRICS = `# HELP wheelhouse_k8s_reflector_lists_total Full LISTs
# TYPE wheelhouse_k8s_reflector_lists_total counter
wheelhouse_k8s_reflector_lists_total{cluster="local",kind="pods"} 2
wheelhouse_k8s_reflector_lists_total{cluster="local",kind="deployments"} 3
wheelhouse_k8s_reflector_lists_total{cluster="other",kind="pods"} 100
wheelhouse_k8s_reflector_relists_total{cluster="local",kind="pods"} 1
wheelhouse_k8s_watch_restarts_total{cluster="local",kind="pods",reason="error"} 4
wheelhouse_k8s_watch_restarts_total{cluster="local",kind="pods",reason="renewal"} 6
wheelhouse_k8s_requests_total{cluster="local",reused="true"} 40
wheelhouse_k8s_requests_total{cluster="local",reused="false"} 2
wheelhouse_k8s_connections_opened_total{cluster="local"} 2
wheelhouse_k8s_reflector_lists_total_extra{cluster="local"} 999
`;

describe('sumSamples / relistCounters', () => {
  it('sums every sample of a metric whose labels match, and nothing else', () => {
    expect(sumSamples(METRICS, 'wheelhouse_k8s_reflector_lists_total')).toBe(105);
    expect(sumSamples(METRICS, 'wheelhouse_k8s_watch_restarts_total', ['reason="error"'])).toBe(4);
    expect(sumSamples('plain_metric 7\n', 'plain_metric')).toBe(7);
    expect(sumSamples(METRICS, 'absent')).toBe(0);
  });

  it("reads one cluster's counters", () => {
    expect(relistCounters(METRICS)).toEqual({ lists: 5, relists: 1, watchRestarts: 10, requests: 42, connections: 2 });
    const after = relistCounters(METRICS.replace('kind="pods"} 2', 'kind="pods"} 3'));
    expect(diffCounters(relistCounters(METRICS), after)).toEqual({
      lists: 1,
      relists: 0,
      watchRestarts: 0,
      requests: 0,
      connections: 0,
    });
  });
});

describe('outageSummary', () => {
  const s = (at: number, status: number, state?: string, items?: number) => ({ at, status, state, items });

  it('judges only the samples between the stop and /readyz, allowing a grace period before "stale"', () => {
    const o = outageSummary(
      [
        s(0, 200, 'ready', 50), // before the stop
        s(1000, 200, 'ready', 50), // within the grace period
        s(2500, 200, 'stale', 50),
        s(3000, 200, 'ready', 50), // not marked
        s(3500, 503),
        s(4000, 0),
        s(9000, 200, 'ready', 50), // after /readyz
      ],
      900,
      8000,
    );
    expect(o).toEqual({
      samples: 5,
      statuses: { '200': 3, '503': 1, '0': 1 },
      staleMarked: 1,
      unmarked: 1,
      graceMs: 1000,
      itemsServed: 50,
    });
  });
});

const run: RelistRun = {
  cachedPods: 10_240,
  downMs: 5000,
  apiserverBackMs: 14_000,
  markerVisibleMs: 1200,
  clustersReadyMs: 900,
  freshAfterStopMs: 15_200,
  cost: { lists: 0, relists: 0, watchRestarts: 12, requests: 30, connections: 3 },
  outage: { samples: 40, statuses: { '200': 40 }, staleMarked: 36, unmarked: 0, graceMs: 1000, itemsServed: 50 },
  startup: { stale: 20, ready: 4 },
};

describe('statesBetween', () => {
  it('counts cache states of 200 answers and statuses of the others within the window', () => {
    const x = (at: number, status: number, state?: string) => ({ at, status, state });
    expect(
      statesBetween([x(1, 200, 'stale'), x(2, 200, 'ready'), x(3, 0), x(4, 200, 'stale'), x(9, 200, 'ready')], 1, 4),
    ).toEqual({
      stale: 2,
      ready: 1,
      'HTTP 0': 1,
    });
  });
});

describe('relistTargets / relistRows', () => {
  it('the record parses', () => {
    expect(relistRunSchema.parse(run)).toEqual(run);
  });

  it('meets target 5 when fresh again and every outage answer was stale data marked stale', () => {
    const t = relistTargets(run);
    expect(t.map((x) => [x.id, x.met])).toEqual([
      ['relist-fresh', true],
      ['relist-stale', true],
    ]);
    expect(t[0]?.value).toContain('marker visible 1.2 s after /readyz');
    expect(relistTargets(undefined)).toEqual([]);
  });

  it('is not met when a list answer failed or was not marked, or the cache never came back', () => {
    const failed = { ...run, outage: { ...run.outage, statuses: { '200': 39, '503': 1 } } };
    expect(relistTargets(failed)[1]?.met).toBe(false);
    const unmarked = { ...run, outage: { ...run.outage, unmarked: 2 } };
    expect(relistTargets(unmarked)[1]?.met).toBe(false);
    const never = { ...run, markerVisibleMs: null, freshAfterStopMs: null };
    expect(relistTargets(never)[0]).toMatchObject({ met: false });
    expect(relistTargets(never)[0]?.value).toContain('never');
  });

  it('has rows for docs/benchmarks.md', () => {
    const rows = relistRows(run);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.[1]).toContain('0 full LISTs (0 after 410 Gone), 12 watch restarts, 30 requests');
    expect(rows[2]?.[1]).toContain('40 answers (40× 200): 36 marked stale');
    expect(rows[2]?.[1]).toContain('while the new API server started: 20× stale, 4× ready');
    expect(relistRows(undefined)).toEqual([]);
  });
});

describe('measure-relist helpers', () => {
  it('allReady needs at least one kind, every one ready', () => {
    expect(allReady(undefined)).toBe(false);
    expect(allReady([])).toBe(false);
    expect(allReady([{ state: 'ready' }, { state: 'stale' }])).toBe(false);
    expect(allReady([{ state: 'ready' }])).toBe(true);
  });

  it('the marker pod is small, labelled for the bench, and goes at once', () => {
    const p = markerPod('relist-marker-x');
    expect(p.metadata.labels['wheelhouse.dev/bench']).toBe('true');
    expect(p.spec.terminationGracePeriodSeconds).toBe(0);
  });
});
