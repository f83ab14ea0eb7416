// (a) a new Deployment's pods become Ready through the node agent; (b) a rolling update creates
// a new ReplicaSet and scales the old one to 0.
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, createNamespace, deleteNamespace, deployment, waitFor } from './kube';

const c = clients('admin');
let ns = '';

beforeAll(async () => {
  ns = await createNamespace(c, 'deploy');
});

afterAll(async () => {
  // Waiting also proves the agent finishes pod deletions (namespace deletion needs them gone).
  if (ns) await deleteNamespace(c, ns, true);
});

const revision = (rs: V1ReplicaSet) => Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

async function replicaSets(app: string): Promise<V1ReplicaSet[]> {
  const list = await c.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: `app=${app}` });
  return list.items.sort((a, b) => revision(a) - revision(b));
}

describe('deployments on simulated nodes', () => {
  it('(a) pods of a new Deployment become Ready', async () => {
    const started = Date.now();
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web', { replicas: 3 }) });
    const d = await waitFor(
      async () => {
        const d = await c.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
        return d.status?.readyReplicas === 3 && d;
      },
      60_000,
      'readyReplicas == 3',
    );
    expect(d.status?.availableReplicas).toBe(3);

    const pods = await c.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
    expect(pods.items).toHaveLength(3);
    for (const pod of pods.items) {
      expect(pod.spec?.nodeName).toMatch(/^wh-node-\d+$/);
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.hostIP).toBe('127.0.0.1');
      // The node agent's pod range, 10.240.0.0/12 (local-cluster/node-agent/ip-pool.ts): it starts at
      // 10.244.0.1 and moves on from there, past 10.244.255.254 once a large bench has run.
      expect(pod.status?.podIP).toMatch(/^10\.(24\d|25[0-5])\.\d{1,3}\.\d{1,3}$/);
      expect(pod.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
      expect(pod.status?.containerStatuses?.[0]).toMatchObject({
        name: 'app',
        image: 'nginx:1.25',
        ready: true,
        started: true,
        restartCount: 0,
      });
      expect(pod.status?.containerStatuses?.[0]?.state?.running?.startedAt).toBeDefined();
    }
    expect(new Set(pods.items.map((p) => p.status?.podIP)).size).toBe(3);
    console.log(`(a) 3 replicas ready in ${Date.now() - started} ms`);
  });

  it('(b) a rolling update creates a new ReplicaSet and scales the old one to 0', async () => {
    const started = Date.now();
    const [first] = await replicaSets('web');
    expect(first && revision(first)).toBe(1);
    await c.apps.patchNamespacedDeployment({
      name: 'web',
      namespace: ns,
      body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.26' }],
    });

    const [old, updated] = await waitFor(
      async () => {
        const d = await c.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
        const sets = await replicaSets('web');
        const [o, n] = sets;
        const done =
          sets.length === 2 &&
          d.status?.observedGeneration === d.metadata?.generation &&
          d.status?.updatedReplicas === 3 &&
          d.status?.readyReplicas === 3 &&
          d.status?.replicas === 3 &&
          o?.spec?.replicas === 0 &&
          n?.status?.readyReplicas === 3;
        return done && ([o, n] as const);
      },
      90_000,
      'rollout to nginx:1.26',
    );

    expect(old?.metadata?.name).toBe(first?.metadata?.name);
    expect(revision(updated!)).toBe(2);
    expect(updated?.spec?.template?.spec?.containers[0]?.image).toBe('nginx:1.26');
    const pods = await waitFor(
      async () => {
        const list = await c.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
        return list.items.length === 3 && list.items;
      },
      30_000,
      'old pods to be gone',
    );
    expect(pods.every((p) => p.spec?.containers[0]?.image === 'nginx:1.26')).toBe(true);
    console.log(`(b) rollout finished in ${Date.now() - started} ms`);
  });
});
