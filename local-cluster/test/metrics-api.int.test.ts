// (g) metrics.k8s.io served by the node agent behind the aggregator: PodMetrics for the test's
// pods (with labelSelector, as the HPA controller asks), NodeMetrics, the caller's RBAC, and the
// real HPA controller (autoscaling/v2beta2, CPU utilization) scaling a Deployment up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, createNamespace, deleteNamespace, deployment, statusOfCall, waitFor } from './kube';

const c = clients('admin');
let ns = '';

const metrics = { group: 'metrics.k8s.io', version: 'v1beta1' };

interface PodMetrics {
  metadata: { name: string; namespace: string };
  timestamp: string;
  window: string;
  containers: { name: string; usage: { cpu: string; memory: string } }[];
}

function millicores(cpu: string): number {
  if (cpu.endsWith('n')) return Number(cpu.slice(0, -1)) / 1e6;
  if (cpu.endsWith('m')) return Number(cpu.slice(0, -1));
  return Number(cpu) * 1000;
}

async function podMetrics(labelSelector: string): Promise<PodMetrics[]> {
  const list = (await c.custom.listNamespacedCustomObject({
    ...metrics,
    namespace: ns,
    plural: 'pods',
    labelSelector,
  })) as { items: PodMetrics[] };
  return list.items;
}

beforeAll(async () => {
  ns = await createNamespace(c, 'hpa');
});

afterAll(async () => {
  if (ns) await deleteNamespace(c, ns);
});

describe('metrics.k8s.io and the HPA controller', () => {
  it('(g) serves PodMetrics and NodeMetrics through the API server', async () => {
    await c.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('steady', {
        replicas: 2,
        cpuRequest: '100m',
        annotations: { 'sim.wheelhouse.dev/cpu': '80m', 'sim.wheelhouse.dev/memory': '96Mi' },
      }),
    });
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('other', { replicas: 1 }) });
    const items = await waitFor(
      async () => {
        const list = await podMetrics('app=steady');
        return list.length === 2 && list;
      },
      60_000,
      'PodMetrics for both pods',
    );
    for (const m of items) {
      expect(m.metadata.namespace).toBe(ns);
      expect(m.metadata.name).toMatch(/^steady-/);
      expect(m.window).toBe('10s');
      expect(Date.now() - Date.parse(m.timestamp)).toBeLessThan(30_000);
      const usage = m.containers[0]?.usage;
      expect(m.containers[0]?.name).toBe('app');
      expect(millicores(usage?.cpu ?? '0')).toBeGreaterThan(80 * 0.7);
      expect(millicores(usage?.cpu ?? '0')).toBeLessThan(80 * 1.35);
      expect(usage?.memory).toMatch(/^\d+Ki$/);
    }
    const one = (await c.custom.getNamespacedCustomObject({
      ...metrics,
      namespace: ns,
      plural: 'pods',
      name: items[0]!.metadata.name,
    })) as PodMetrics;
    expect(one.metadata.name).toBe(items[0]!.metadata.name);
    // The `other` pod may start after both `steady` pods: wait for it rather than race it.
    const both = await waitFor(
      async () => {
        const list = await podMetrics('app in (steady, other)');
        return list.length === 3 && list;
      },
      60_000,
      'PodMetrics for the steady and other pods',
    );
    expect(both).toHaveLength(3);

    const nodes = (await c.custom.listClusterCustomObject({ ...metrics, plural: 'nodes' })) as {
      items: { metadata: { name: string }; usage: { cpu: string } }[];
    };
    expect(nodes.items.map((n) => n.metadata.name)).toEqual(
      expect.arrayContaining(['wh-node-1', 'wh-node-2', 'wh-node-3']),
    );

    // The agent asks the API server (SubjectAccessReview) whether the caller may read metrics.
    const bob = clients('bob');
    expect(
      await statusOfCall(() => bob.custom.listNamespacedCustomObject({ ...metrics, namespace: ns, plural: 'pods' })),
    ).toBe(403);
    expect(
      await statusOfCall(() =>
        bob.custom.listNamespacedCustomObject({ ...metrics, namespace: 'shop-frontend', plural: 'pods' }),
      ),
    ).toBe(200);
  });

  it('(g) the HPA controller scales a Deployment up on CPU utilization', { timeout: 300_000 }, async () => {
    const started = Date.now();
    // 100m requested; usage ramps from 50m to 400m (400 %) over 60 s against a 50 % target.
    const annotations = { 'sim.wheelhouse.dev/cpu': '50m', 'sim.wheelhouse.dev/cpu-ramp': '400m/60s' };
    await c.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('busy', { replicas: 1, cpuRequest: '100m', annotations }),
    });
    await c.custom.createNamespacedCustomObject({
      group: 'autoscaling',
      version: 'v2beta2',
      namespace: ns,
      plural: 'horizontalpodautoscalers',
      body: {
        apiVersion: 'autoscaling/v2beta2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'busy' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'busy' },
          minReplicas: 1,
          maxReplicas: 4,
          metrics: [
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
          ],
        },
      },
    });

    interface Hpa {
      status?: {
        currentReplicas?: number;
        desiredReplicas?: number;
        currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[];
        conditions?: { type: string; status: string; reason?: string; message?: string }[];
      };
    }
    let last: Hpa | undefined;
    const replicas = await waitFor(
      async () => {
        last = (await c.custom.getNamespacedCustomObject({
          group: 'autoscaling',
          version: 'v2beta2',
          namespace: ns,
          plural: 'horizontalpodautoscalers',
          name: 'busy',
        })) as Hpa;
        const d = await c.apps.readNamespacedDeployment({ name: 'busy', namespace: ns });
        return (d.spec?.replicas ?? 0) > 1 && d.spec?.replicas;
      },
      240_000,
      'the HPA to scale busy above 1 replica',
      5000,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}; HPA status: ${JSON.stringify(last?.status)}`);
    });

    const utilization = last?.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization;
    console.log(
      `(g) HPA scaled busy to ${replicas} replicas after ${Date.now() - started} ms (utilization ${utilization}%)`,
    );
    expect(replicas).toBeGreaterThan(1);
    expect(last?.status?.conditions?.find((x) => x.type === 'ScalingActive')?.status).toBe('True');
  });
});
