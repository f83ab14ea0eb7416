import { afterAll, describe, expect, it, vi } from 'vitest';

import type { Identity } from '@/server/auth/identity';

// GET /api/clusters shows each person their own view of the shared cache: the object counts are of
// what they may read (SubjectAccessReview as them), never the dashboard identity's cluster-wide
// counts. Real cluster and seed; only "who is signed in" is replaced.

const who: { identity: Identity | null } = { identity: null };

vi.mock('@/server/auth/identity', () => ({
  currentIdentity: () => Promise.resolve(who.identity),
}));

const { GET: clustersRoute } = await import('@/app/api/clusters/route');
const { GET: listRoute } = await import('@/app/api/k8s/[cluster]/[kind]/route');
const { clusterCache } = await import('@/server/k8s/registry');

const alice: Identity = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob: Identity = { user: 'bob', groups: ['wheelhouse:developers'] };

afterAll(async () => {
  await clusterCache({ name: 'local' }).stop();
});

async function listTotal(identity: Identity, kind: string): Promise<number> {
  who.identity = identity;
  const res = await listRoute(new Request(`http://localhost/api/k8s/local/${kind}?limit=1`), {
    params: Promise.resolve({ cluster: 'local', kind }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

async function countsFor(identity: Identity): Promise<Map<string, number | undefined>> {
  who.identity = identity;
  const res = await clustersRoute();
  expect(res.status).toBe(200);
  const body = (await res.json()) as { clusters: { name: string; kinds: { kind: string; objects?: number }[] }[] };
  const local = body.clusters.find((c) => c.name === 'local');
  return new Map(local?.kinds.map((k) => [k.kind, k.objects]));
}

describe('GET /api/clusters per person', () => {
  it("counts only the objects the person may read, not the dashboard's", async () => {
    const bobPods = await listTotal(bob, 'pods');
    const alicePods = await listTotal(alice, 'pods');
    const bobDeployments = await listTotal(bob, 'deployments');
    // the seed gives bob (developers) some namespaces only; alice (operators) reads them all
    expect(bobPods).toBeGreaterThan(0);
    expect(bobPods).toBeLessThan(alicePods);

    const forBob = await countsFor(bob);
    expect(forBob.get('pods')).toBe(bobPods);
    expect(forBob.get('deployments')).toBe(bobDeployments);
    const forAlice = await countsFor(alice);
    expect(forAlice.get('pods')).toBe(alicePods);
  });

  it('answers 401 without a session', async () => {
    who.identity = null;
    expect((await clustersRoute()).status).toBe(401);
  });
});
