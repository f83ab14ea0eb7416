// (f) Prometheus scrapes the node agent (every 5 s): the dashboard's per-pod CPU query returns
// series for a new Deployment's pods, and the kube-state series join them to their Deployment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ENDPOINTS } from '../paths';
import { clients, createNamespace, deleteNamespace, deployment, waitFor } from './kube';

const c = clients('admin');
let ns = '';

interface Vector {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(promql: string): Promise<Vector[]> {
  const res = await fetch(`${ENDPOINTS.prometheus}/api/v1/query?${new URLSearchParams({ query: promql })}`, {
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as {
    status: string;
    data?: { resultType: string; result: Vector[] };
    error?: string;
  };
  if (body.status !== 'success' || !body.data) throw new Error(`query failed: ${body.error ?? res.status}`);
  return body.data.result;
}

beforeAll(async () => {
  ns = await createNamespace(c, 'prom');
});

afterAll(async () => {
  if (ns) await deleteNamespace(c, ns);
});

describe('Prometheus metrics from the node agent', () => {
  it('(f) per-pod CPU has series for the test pods', { timeout: 240_000 }, async () => {
    await c.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('api', { replicas: 2, cpuRequest: '100m', annotations: { 'sim.wheelhouse.dev/cpu': '200m' } }),
    });
    const pods = await waitFor(
      async () => {
        const list = await c.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=api' });
        const names = list.items.filter((p) => p.status?.phase === 'Running').map((p) => p.metadata?.name ?? '');
        return names.length === 2 && names.sort();
      },
      60_000,
      'two running pods',
    );

    const started = Date.now();
    const cpu = `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", image!="", namespace="${ns}"}[1m]))`;
    const series = await waitFor(
      async () => {
        const result = await query(cpu);
        return result.length === 2 && result;
      },
      90_000,
      'CPU series for both pods',
      2000,
    );
    console.log(`(f) CPU series appeared ${Date.now() - started} ms after the pods ran`);

    expect(series.map((s) => s.metric.pod).sort()).toEqual(pods);
    expect(series.every((s) => Number(s.value[1]) > 0)).toBe(true);

    // rate() divides by the whole 1m window, so it reads low until the series is a minute old;
    // then it settles at the 200m baseline (±15 % per-pod scale, ±15 % wobble).
    const settled = await waitFor(
      async () => {
        const result = await query(cpu);
        const inRange =
          result.length === 2 && result.every((s) => Number(s.value[1]) > 0.14 && Number(s.value[1]) < 0.27);
        return inRange && result;
      },
      100_000,
      'per-pod CPU to settle near 200m',
      5000,
    );
    console.log(
      `(f) per-pod CPU settled at ${settled.map((s) => Number(s.value[1]).toFixed(3)).join(', ')} cores after ${Date.now() - started} ms`,
    );

    const memory = await query(`container_memory_working_set_bytes{container!="", image!="", namespace="${ns}"}`);
    expect(memory).toHaveLength(2);
    expect(memory[0]?.metric).toMatchObject({ container: 'app', image: 'nginx:1.25', namespace: ns });

    // Pod → ReplicaSet → Deployment, as the dashboard joins them (REFERENCE.md "Prometheus").
    const byDeployment = await waitFor(
      async () => {
        const result = await query(
          `sum by (owner_name) (
           sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", image!="", namespace="${ns}"}[1m]))
           * on (namespace, pod) group_left (replicaset) label_replace(kube_pod_owner{owner_kind="ReplicaSet", namespace="${ns}"}, "replicaset", "$1", "owner_name", "(.*)")
           * on (namespace, replicaset) group_left (owner_name) kube_replicaset_owner{owner_kind="Deployment", namespace="${ns}"}
         )`,
        );
        return result.length === 1 && result;
      },
      30_000,
      'CPU joined to the Deployment',
      2000,
    );
    expect(byDeployment[0]?.metric.owner_name).toBe('api');

    const requests = await query(
      `sum(kube_pod_container_resource_requests{namespace="${ns}", resource="cpu", unit="core"})`,
    );
    expect(Number(requests[0]?.value[1])).toBeCloseTo(0.2);
  });
});
