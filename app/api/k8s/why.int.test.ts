import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { clients } from '@/local-cluster/test/kube';
import type { WhyAnswer } from '@/lib/k8s/why';
import type { Identity } from '@/server/auth/identity';

// "Why can't I …?" (GET /api/k8s/<cluster>/why) against the real local cluster: Kubernetes' own answer
// as the person, and the bindings that grant the request only from RBAC objects the person may read.
// bob (developers: `view` in shop-*) may not read RBAC: he is told the verb and resource and to ask an
// operator, and the answer names no binding. alice (operators) may read RBAC. Only "who is signed in"
// is replaced.

vi.mock('@/server/auth/identity', () => import('@/server/auth/testing/fake-identity'));
const { signedIn } = await import('@/server/auth/testing/fake-identity');
const why = (await import('@/app/api/k8s/[cluster]/why/route')).GET;
const { clusterCache } = await import('@/server/k8s/registry');

const rbac = clients('admin').kc.makeApiClient(RbacAuthorizationV1Api);
const alice: Identity = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob: Identity = { user: 'bob', groups: ['wheelhouse:developers'] };
const scale = {
  verb: 'update',
  group: 'apps',
  resource: 'deployments',
  subresource: 'scale',
  namespace: 'shop-frontend',
  name: 'storefront',
};

async function ask(who: Identity | null, query: Record<string, string>, cluster = 'local') {
  signedIn.identity = who;
  const res = await why(new Request(`http://test/api/k8s/${cluster}/why?${new URLSearchParams(query)}`), {
    params: Promise.resolve({ cluster }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as WhyAnswer & { error?: { message: string } } };
}

afterAll(async () => {
  await clusterCache({ name: 'local' }).stop();
});

describe('GET /api/k8s/<cluster>/why', () => {
  it('tells bob Kubernetes refused him update deployments/scale, and names no binding he may not read', async () => {
    const { status, body, text } = await ask(bob, scale);
    expect(status).toBe(200);
    expect(body.allowed).toBe(false);
    expect(body.words[0]).toBe(
      'Kubernetes refused you update deployments/scale in namespace shop-frontend (on storefront).',
    );
    expect(body.hidden.sort()).toEqual(['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles']);
    expect(body.grants).toEqual([]);
    expect(body.words.join(' ')).toContain('Ask an operator: the roles that grant it are not visible to you');
    // Nothing of the RBAC objects the shared cache holds reaches him.
    expect(text).not.toContain('wheelhouse:operators');
    expect(text).not.toContain('deployer:deploy');
  });

  it('tells alice she may, and which of the bindings she may read grant it (hers first)', async () => {
    const { status, body } = await ask(alice, scale);
    expect(status).toBe(200);
    expect(body.allowed).toBe(true);
    expect(body.hidden).toEqual([]);
    expect(body.grants[0]).toMatchObject({
      kind: 'ClusterRoleBinding',
      name: 'wheelhouse:operators-actions',
      role: { kind: 'ClusterRole', name: 'wheelhouse:operator-actions' },
      subjects: ['Group wheelhouse:operators'],
      yours: true,
    });
    // The CI ServiceAccount's Role in the namespace grants it too; the developers' `view` does not.
    const names = body.grants.map((g) => g.name);
    expect(names).toContain('deployer:deploy');
    expect(names).not.toContain('wheelhouse:developers-view');
    // Every binding named exists, as admin reads it.
    const crbs = new Set((await rbac.listClusterRoleBinding()).items.map((b) => b.metadata?.name));
    const rbs = new Set(
      (await rbac.listNamespacedRoleBinding({ namespace: 'shop-frontend' })).items.map((b) => b.metadata?.name),
    );
    for (const g of body.grants) expect(g.namespace ? rbs.has(g.name) : crbs.has(g.name)).toBe(true);
  });

  it('tells alice what she may not do (delete) and who may, without her operators binding', async () => {
    const { body } = await ask(alice, {
      verb: 'delete',
      group: 'apps',
      resource: 'deployments',
      namespace: 'shop-frontend',
    });
    expect(body.allowed).toBe(false);
    expect(body.words[0]).toBe('Kubernetes refused you delete deployments in namespace shop-frontend.');
    expect(body.grants.map((g) => g.name)).not.toContain('wheelhouse:operators-actions');
    expect(body.grants.every((g) => !g.yours)).toBe(true);
  });

  it('answers 400 in words for a question Kubernetes would not take, 404 for no such cluster, 401 signed out', async () => {
    const bad = await ask(bob, { ...scale, verb: 'escalate' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/verb must be one of/);
    expect((await ask(bob, { ...scale, resource: 'Deployments' })).status).toBe(400);
    expect((await ask(bob, { ...scale, namespace: 'a/b' })).status).toBe(400);
    expect((await ask(bob, scale, 'nowhere')).status).toBe(404);
    expect((await ask(null, scale)).status).toBe(401);
  });
});
