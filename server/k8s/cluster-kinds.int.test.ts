import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { limitRangesKind } from '@/lib/k8s/kinds/limitranges';
import { namespacesKind } from '@/lib/k8s/kinds/namespaces';
import { nodesKind } from '@/lib/k8s/kinds/nodes';
import { resourceQuotasKind } from '@/lib/k8s/kinds/resourcequotas';
import { ClusterCache } from '@/server/k8s/cache';
import { KubeError } from '@/server/k8s/errors';
import { listQuerySchema } from '@/server/k8s/list-query';
import { nodeResourcesForUser } from '@/server/k8s/node-resources';
import { getForUser } from '@/server/k8s/objects';
import { listForUser } from '@/server/k8s/resources';
import { LIMIT_RANGE, QUOTA } from '@/local-cluster/seed/quotas';
import { clients, createNamespace, deleteNamespace, kubeConfig, waitFor } from '@/local-cluster/test/kube';

// Nodes, Namespaces, ResourceQuotas and LimitRanges as people read them, against the real local
// cluster and its seed (local-cluster/seed/quotas.ts): alice (operators) reads nodes and everything;
// bob (view in shop-* through RoleBindings) no nodes, and only his namespaces and their quotas. A
// node's pods, their requests and limits and its usage (the Node page's panel) are read as the person.

const cache = new ClusterCache(
  'local',
  kubeConfig('dashboard'),
  { requestTimeoutMs: 10_000, pageSize: 500, idleMs: 60_000, accessTtlMs: 5_000, accessMaxEntries: 1000 },
  () => undefined,
);
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
const all = listQuerySchema.parse({ limit: 1000 });
const NODE = 'wh-node-1';
const admin = clients('admin');
let namespace = '';

beforeAll(async () => {
  namespace = await createNamespace(admin, 'noderes');
});

afterAll(async () => {
  await cache.stop();
  if (namespace) await deleteNamespace(admin, namespace);
});

async function status(p: Promise<unknown>): Promise<number | undefined> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return err instanceof KubeError ? err.status : undefined;
}

describe('nodes', () => {
  it('alice lists the Ready nodes; bob is told he may not list them', async () => {
    const forAlice = await listForUser(cache, alice, nodesKind, all);
    expect(forAlice.items.map((n) => n.name)).toEqual(['wh-node-1', 'wh-node-2', 'wh-node-3']);
    expect(forAlice.items.every((n) => n.status === 'Ready' && n.version === 'v1.20.2')).toBe(true);
    expect(forAlice).not.toHaveProperty('denied');
    const forBob = await listForUser(cache, bob, nodesKind, all);
    expect(forBob.items).toEqual([]);
    expect(forBob).toMatchObject({ denied: true });
    expect(await status(getForUser(cache, bob, nodesKind, undefined, 'wh-node-1'))).toBe(403);
  });
});

describe('namespaces', () => {
  it('bob sees the namespaces he may get by name (shop-*), and opens them; others stay hidden', async () => {
    const forBob = await listForUser(cache, bob, namespacesKind, all);
    expect(forBob.items.map((n) => n.name)).toEqual(['shop-backend', 'shop-frontend']);
    expect(forBob).not.toHaveProperty('denied');
    const { summary } = await getForUser(cache, bob, namespacesKind, undefined, 'shop-backend');
    expect(summary.phase).toBe('Active');
    expect(await status(getForUser(cache, bob, namespacesKind, undefined, 'data-platform'))).toBe(403);
    const forAlice = await listForUser(cache, alice, namespacesKind, all);
    expect(forAlice.items.map((n) => n.name)).toEqual(expect.arrayContaining(['data-platform', 'shop-backend']));
  });
});

describe('quotas and limit ranges', () => {
  it('serves the seeded quota near its limit, used against hard from its status', async () => {
    const { summary } = await getForUser(cache, bob, resourceQuotasKind, QUOTA.namespace, QUOTA.name);
    expect(summary.highest).toBeGreaterThanOrEqual(0.8);
    expect(summary.request).toMatch(/requests\.cpu: \d+m\/1750m/);
    const { summary: lr } = await getForUser(cache, bob, limitRangesKind, LIMIT_RANGE.namespace, LIMIT_RANGE.name);
    expect(lr.types).toBe('Container, Pod');
  });

  it('lists bob only the quotas of his namespaces', async () => {
    const forBob = await listForUser(cache, bob, resourceQuotasKind, all);
    expect(forBob.items.length).toBeGreaterThan(0);
    expect(forBob.items.every((q) => q.namespace?.startsWith('shop-'))).toBe(true);
  });
});

describe('nodeResourcesForUser', () => {
  it("lists exactly the node's non-terminated pods, as the API server's nodeName field selector does", async () => {
    const r = await nodeResourcesForUser(cache, alice, NODE);
    const api = await admin.core.listPodForAllNamespaces({
      fieldSelector: `spec.nodeName=${NODE},status.phase!=Succeeded,status.phase!=Failed`,
    });
    const expected = api.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).sort();
    // The cache may trail the API server by a moment; both read the same cluster.
    expect(r.pods.map((p) => `${p.namespace}/${p.name}`).sort()).toEqual(expected);
    expect(r.allNamespaces).toBe(true);
    const checkout = r.pods.find((p) => p.namespace === 'shop-backend' && p.name.startsWith('checkout-'));
    // The seeded checkout template: requests 200m/256Mi, limits 500m/512Mi.
    expect(checkout).toMatchObject({ requests: { cpu: 0.2, memory: 256 * 2 ** 20 }, limits: { cpu: 0.5 } });
    expect(r.requests.cpu).toBeGreaterThanOrEqual(0.2);
  });

  it('reads usage from metrics.k8s.io as the person', async () => {
    const r = await nodeResourcesForUser(cache, alice, NODE);
    expect(r.usage.available).toBe(true);
    if (r.usage.available) {
      expect(r.usage.cpu).toBeGreaterThan(0);
      expect(r.usage.memory).toBeGreaterThan(0);
    }
  });

  it('adds a pod scheduled on the node to the sums once it appears', async () => {
    const before = await nodeResourcesForUser(cache, alice, NODE);
    await admin.core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name: 'pinned', annotations: { 'sim.wheelhouse.dev/ready-after': '1s' } },
        spec: {
          nodeName: NODE,
          containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '123m', memory: '77Mi' } } }],
        },
      },
    });
    const after = await waitFor(
      async () => {
        const r = await nodeResourcesForUser(cache, alice, NODE);
        return r.pods.some((p) => p.namespace === namespace && p.name === 'pinned') ? r : undefined;
      },
      20_000,
      'the pinned pod on the node',
    );
    expect(after.pods.find((p) => p.name === 'pinned')?.requests).toEqual({ cpu: 0.123, memory: 77 * 2 ** 20 });
    // Other pods may come and go meanwhile; the new pod's share is in the sum.
    expect(after.requests.memory ?? 0).toBeGreaterThanOrEqual(77 * 2 ** 20);
    expect(after.pods.length).toBeGreaterThan(0);
    expect(before.pods.some((p) => p.name === 'pinned' && p.namespace === namespace)).toBe(false);
  });

  it('refuses bob, who may not read nodes, with the same answer for a node that does not exist', async () => {
    for (const name of [NODE, 'no-such-node']) {
      const err = await nodeResourcesForUser(cache, bob, name).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(KubeError);
      expect((err as KubeError).status).toBe(403);
    }
  });
});
