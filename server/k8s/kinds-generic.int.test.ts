import { KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';

import { KINDS } from '@/lib/k8s/kinds';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { ClusterCache } from '@/server/k8s/cache';
import { listQuerySchema } from '@/server/k8s/list-query';
import { getForUser } from '@/server/k8s/objects';
import { listForUser } from '@/server/k8s/resources';
import { kubeConfig, waitFor } from '@/local-cluster/test/kube';

// Every kind in the sidebar that the shared cache serves, against the real cluster and its seed: alice
// lists it and reads one object; a change made as admin reaches the cache (what the stream then pushes);
// bob sees only his team's namespaces. Kinds read only as the person (Secrets, Helm releases) have their
// own tests (server/k8s/person-kinds*.int.test.ts, e2e/kinds-config.spec.ts).

const cache = new ClusterCache(
  'local',
  kubeConfig('dashboard'),
  { requestTimeoutMs: 10_000, pageSize: 500, idleMs: 60_000, accessTtlMs: 5_000, accessMaxEntries: 1000 },
  () => undefined,
);
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
const objects = KubernetesObjectApi.makeApiClient(kubeConfig('admin'));
const LABEL = 'wheelhouse.dev/live-check';

afterAll(async () => {
  await cache.stop();
});

const listed = KINDS.filter((k) => k.nav && !k.readAs);

function apiVersion(kind: KindDescriptor, version: string): string {
  return kind.group ? `${kind.group}/${version}` : version;
}

describe.each(listed.map((k) => [k.id, k] as const))('%s', (_id, kind) => {
  it('alice lists it, reads one, and a change reaches the cache', async () => {
    const page = await listForUser(cache, alice, kind, listQuerySchema.parse({ limit: 50 }));
    expect(page.items.length, `seeded ${kind.title}`).toBeGreaterThan(0);
    const first = page.items[0]!;
    const { object, summary } = await getForUser(cache, alice, kind, first.namespace ?? '', first.name);
    expect(summary.name).toBe(first.name);
    expect(object.metadata.name).toBe(first.name);
    expect('managedFields' in object.metadata).toBe(false);

    const stamp = `t${Date.now()}`;
    // The first version the API server serves (PodDisruptionBudgets are policy/v1beta1 on 1.20).
    const patch = async (value: string | null) => {
      for (const version of kind.versions) {
        try {
          return await patchAs(version, value);
        } catch (err) {
          if (!String(err).includes('404') || version === kind.versions[kind.versions.length - 1]) throw err;
        }
      }
    };
    const patchAs = (version: string, value: string | null) =>
      objects.patch(
        {
          apiVersion: apiVersion(kind, version),
          kind: kind.kind,
          metadata: {
            name: first.name,
            ...(first.namespace ? { namespace: first.namespace } : {}),
            labels: { [LABEL]: value },
          },
        } as never,
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.MergePatch,
      );
    await patch(stamp);
    try {
      await waitFor(
        async () =>
          (await getForUser(cache, alice, kind, first.namespace ?? '', first.name)).summary.labels[LABEL] === stamp,
        15_000,
        `${kind.id} ${first.name} labelled in the cache`,
      );
    } finally {
      await patch(null);
    }
  });

  it('bob sees only his team namespaces', async () => {
    const page = await listForUser(cache, bob, kind, listQuerySchema.parse({ limit: 500 }));
    if (kind.namespaced) {
      for (const item of page.items) expect(item.namespace, `${kind.id} ${item.name}`).toMatch(/^shop-/);
    } else if (kind.id === 'namespaces') {
      for (const item of page.items) expect(item.name).toMatch(/^shop-/);
    } else {
      expect(page.items, `bob may not list ${kind.title}`).toEqual([]);
    }
  });
});
