import { beforeAll, describe, expect, it } from 'vitest';

import { clusterPaths } from '@/local-cluster/paths';
import { startProcess, stopProcess, runningPid } from '@/local-cluster/control-plane/processes';
import { prometheusSpec } from '@/local-cluster/control-plane/components';
import { clients, waitFor } from '@/local-cluster/test/kube';
import { metricsQuerySchema, type MetricsResult } from '@/lib/metrics/types';
import { PrometheusUnavailableError } from '@/server/metrics/prometheus';
import { queryMetrics } from '@/server/metrics/service';

// Metrics against the real local cluster and its Prometheus (scraping the node agent every 5 s):
// the seeded pods' series come back for pods and workloads, bob sees nothing of data-platform,
// and a stopped Prometheus is reported as unavailable and recovers when it returns.

process.env.WHEELHOUSE_PROMETHEUS_URL ??= 'http://127.0.0.1:9090';

const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
const admin = clients('admin');

const q = (over: Record<string, string>) =>
  metricsQuerySchema.parse({
    kind: 'deployment',
    namespace: 'shop-frontend',
    name: 'storefront',
    range: '15m',
    ...over,
  });

function series(r: MetricsResult, id: string): [number, number][] {
  const s = r.series.find((x) => x.id === id);
  expect(s, `series ${id}`).toBeDefined();
  return s?.points ?? [];
}

let storefrontPods: { name: string; cpuRequest: number }[] = [];

beforeAll(async () => {
  const pods = await admin.core.listNamespacedPod({ namespace: 'shop-frontend', labelSelector: 'app=storefront' });
  storefrontPods = pods.items
    .filter((p) => p.status?.phase === 'Running')
    .map((p) => ({ name: p.metadata?.name ?? '', cpuRequest: 0.1 }));
  expect(storefrontPods.length).toBeGreaterThan(0);
  // Right after `cluster:up` Prometheus may not have scraped the node agent often enough yet (a CPU
  // rate needs two samples; the first test wants a few points): wait for the first pod's series. Empty answers are not cached, so the tests
  // below see the data as soon as it exists.
  const pod = storefrontPods[0]?.name ?? '';
  await waitFor(
    async () => {
      const [cpu, memory] = await Promise.all([
        queryMetrics('local', alice, q({ template: 'cpu', kind: 'pod', name: pod })),
        queryMetrics('local', alice, q({ template: 'memory', kind: 'pod', name: pod })),
      ]);
      return series(cpu, 'usage').length > 3 && series(memory, 'usage').length > 0;
    },
    60_000,
    `Prometheus to have ${pod}'s CPU and memory series`,
    1_000,
  );
}, 90_000);

describe('queryMetrics against the local Prometheus', () => {
  it('returns a seeded pod’s CPU and memory with its requests and limits', async () => {
    const pod = storefrontPods[0]?.name ?? '';
    const cpu = await queryMetrics('local', alice, q({ template: 'cpu', kind: 'pod', name: pod }));
    expect(cpu.scrapeSeconds).toBe(5);
    expect(cpu.plan.step).toBe(5);
    expect(cpu.plan.window).toBe(20);
    const usage = series(cpu, 'usage');
    expect(usage.length).toBeGreaterThan(3);
    // The node agent's baseline for storefront is well above zero and below a core.
    expect(usage.at(-1)?.[1]).toBeGreaterThan(0.01);
    expect(usage.at(-1)?.[1]).toBeLessThan(1);
    expect(series(cpu, 'requests').at(-1)?.[1]).toBeCloseTo(0.1, 5);

    const memory = await queryMetrics('local', alice, q({ template: 'memory', kind: 'pod', name: pod }));
    expect(memory.unit).toBe('bytes');
    expect(series(memory, 'usage').at(-1)?.[1]).toBeGreaterThan(1024 * 1024);
    const limit = series(memory, 'limits').at(-1)?.[1] ?? 0;
    expect(limit).toBeGreaterThan(series(memory, 'usage').at(-1)?.[1] ?? Infinity);
  });

  it('aggregates a Deployment’s pods through its ReplicaSets and marks its revisions', async () => {
    const cpu = await queryMetrics('local', alice, q({ template: 'cpu' }));
    const one = await queryMetrics(
      'local',
      alice,
      q({ template: 'cpu', kind: 'pod', name: storefrontPods[0]?.name ?? '' }),
    );
    const total = series(cpu, 'usage').at(-1)?.[1] ?? 0;
    expect(total).toBeGreaterThan(series(one, 'usage').at(-1)?.[1] ?? Infinity);
    // Requests are summed over the Deployment's pods: 100m each.
    const requests = series(cpu, 'requests').at(-1)?.[1] ?? 0;
    expect(Math.round(requests * 10)).toBeGreaterThanOrEqual(storefrontPods.length - 1);

    // The rollout timeline's markers: storefront's seeded revisions (three, more after a rollback
    // elsewhere renumbers one), oldest first, each with its change cause.
    const revisions = cpu.markers.map((m) => m.revision);
    expect(revisions.length).toBeGreaterThanOrEqual(3);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    for (const m of cpu.markers) expect(m.changeCause, `revision ${m.revision}`).toBeTruthy();
    const postgres = await queryMetrics(
      'local',
      alice,
      q({ template: 'memory', kind: 'statefulset', namespace: 'data-platform', name: 'postgres' }),
    );
    expect(postgres.markers.map((m) => m.revision)).toEqual([1, 2]);
    expect(series(postgres, 'usage').at(-1)?.[1]).toBeGreaterThan(0);

    const replicas = await queryMetrics('local', alice, q({ template: 'replicas' }));
    expect(series(replicas, 'replicas').at(-1)?.[1]).toBeGreaterThanOrEqual(2);
    // web-gateway's pods are not storefront's.
    const other = await queryMetrics('local', alice, q({ template: 'replicas', name: 'web-gateway' }));
    expect(series(other, 'replicas').at(-1)?.[1]).toBe(2);
  });

  it('counts restarts of the crash-looping payments rollout', async () => {
    const r = await queryMetrics(
      'local',
      alice,
      q({ template: 'restarts', namespace: 'shop-backend', name: 'payments' }),
    );
    expect(r.unit).toBe('count');
    expect(Math.max(...series(r, 'restarts').map(([, v]) => v))).toBeGreaterThan(0);
  });

  it('gives bob (team shop) no metrics of data-platform', async () => {
    const denied = queryMetrics('local', bob, q({ template: 'cpu', namespace: 'data-platform', name: 'query-api' }));
    await expect(denied).rejects.toMatchObject({ kind: 'forbidden', status: 403 });
    const allowed = await queryMetrics('local', bob, q({ template: 'cpu' }));
    expect(series(allowed, 'usage').length).toBeGreaterThan(0);
  });
});

describe('Prometheus stopped and started again', () => {
  it('is reported as unavailable, then recovers', async () => {
    const paths = clusterPaths();
    expect(runningPid(paths, 'prometheus'), 'the local Prometheus runs').toBeDefined();
    // A pod query the cache cannot have answered yet (a range nobody asked for in this run).
    const pod = storefrontPods[1]?.name ?? storefrontPods[0]?.name ?? '';
    try {
      await stopProcess(paths, 'prometheus');
      await expect(
        queryMetrics('local', alice, q({ template: 'memory', kind: 'pod', name: pod, range: '6h' })),
      ).rejects.toBeInstanceOf(PrometheusUnavailableError);
    } finally {
      startProcess(paths, prometheusSpec(paths));
    }
    // Recovered = the pod's chart has data again. The first answers after a restart may come before
    // Prometheus has the pod's series back (replay, then the next scrape), so wait for the data itself.
    const back = await waitFor(
      async () => {
        try {
          const r = await queryMetrics('local', alice, q({ template: 'memory', kind: 'pod', name: pod, range: '6h' }));
          return series(r, 'usage').length > 0 ? r : undefined;
        } catch (err) {
          if (err instanceof PrometheusUnavailableError) return undefined;
          throw err;
        }
      },
      60_000,
      "Prometheus answering again with the pod's memory series",
      1_000,
    );
    expect(series(back, 'usage').length).toBeGreaterThan(0);
  });
});
