import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Identity } from '@/server/auth/identity';
import { signedIn as who } from '@/server/auth/testing/fake-identity';
import { clients, waitFor } from '@/local-cluster/test/kube';

// ServiceAccounts, Roles, RoleBindings, ClusterRoles and ClusterRoleBindings through the real list and
// object route handlers against the real local cluster, as the person: alice (operators) reads RBAC
// objects through wheelhouse:operator-rbac-read; bob (developers: `view` in shop-*) reads
// ServiceAccounts there and no RBAC object at all. Names with colons are names, not separators.

vi.mock('@/server/auth/identity', () => import('@/server/auth/testing/fake-identity'));

const { GET: listRoute } = await import('@/app/api/k8s/[cluster]/[kind]/route');
const { GET: objectRoute } = await import('@/app/api/k8s/[cluster]/[kind]/[namespace]/[name]/route');
const { clusterCache } = await import('@/server/k8s/registry');

const alice: Identity = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob: Identity = { user: 'bob', groups: ['wheelhouse:developers'] };

interface ListBody {
  items: { namespace?: string; name: string; [k: string]: unknown }[];
  total: number;
  denied?: true;
}

function list(kind: string, query = '') {
  const request = new Request(`http://localhost/api/k8s/local/${kind}${query}`);
  return listRoute(request, { params: Promise.resolve({ cluster: 'local', kind }) });
}

/** The route as Next.js calls it: params are the decoded path segments of an encoded URL. */
function get(kind: string, namespace: string, name: string) {
  const url = `http://localhost/api/k8s/local/${kind}/${namespace}/${encodeURIComponent(name)}`;
  return objectRoute(new Request(url), { params: Promise.resolve({ cluster: 'local', kind, namespace, name }) });
}

beforeEach(() => {
  who.identity = null;
});

afterAll(async () => {
  await clusterCache({ name: 'local' }).stop();
});

describe('RBAC kinds as alice (operator)', () => {
  it('lists ClusterRoles, colon names included, with what they allow', async () => {
    who.identity = alice;
    const res = await list('clusterroles', '?q=job-controller');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ListBody;
    const role = body.items.find((i) => i.name === 'system:controller:job-controller');
    expect(role).toMatchObject({ rules: expect.any(Number), aggregated: false });
    expect(role?.allows).toMatch(/jobs|resources/);
  });

  it('reads system:controller:job-controller by its colon name through the object API', async () => {
    who.identity = alice;
    const res = await get('clusterroles', '_', 'system:controller:job-controller');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: { kind: string; rules: { resources?: string[] }[] } };
    expect(body.object.kind).toBe('ClusterRole');
    expect(body.object.rules.flatMap((r) => r.resources ?? [])).toContain('jobs');
  });

  it("reads shop-frontend's developers binding: group wheelhouse:developers → ClusterRole view", async () => {
    who.identity = alice;
    const res = await get('rolebindings', 'shop-frontend', 'wheelhouse:developers-view');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: unknown };
    expect(body.summary).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: 'wheelhouse:developers' }],
    });
  });

  it('still refuses names the API could never hold (slash, percent, dot-dot)', async () => {
    who.identity = alice;
    for (const name of ['..', 'a%2Fb', 'a/b']) {
      const res = await get('clusterroles', '_', name);
      expect(res.status, name).toBe(400);
    }
  });

  it('sees a new ServiceAccount and the RoleBinding that names it, live from the shared cache', async () => {
    who.identity = alice;
    const { core, kc } = clients('admin');
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const ns = 'shop-frontend';
    const name = `h5-probe-${Date.now().toString(36)}`;
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name } } });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: `${name}:view` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name, namespace: ns }],
      },
    });
    try {
      await waitFor(
        async () => {
          const sa = (await (await list('serviceaccounts', `?namespace=${ns}&q=${name}`)).json()) as ListBody;
          const rb = (await (await list('rolebindings', `?namespace=${ns}&q=${name}`)).json()) as ListBody;
          return sa.items.some((i) => i.name === name) && rb.items.some((i) => i.name === `${name}:view`);
        },
        15_000,
        'the new ServiceAccount and its RoleBinding in the lists',
      );
    } finally {
      await rbac.deleteNamespacedRoleBinding({ namespace: ns, name: `${name}:view` });
      await core.deleteNamespacedServiceAccount({ namespace: ns, name });
    }
  });
});

describe('RBAC kinds as bob (developer)', () => {
  it('lists no ClusterRole, ClusterRoleBinding, Role or RoleBinding, and may not get one', async () => {
    who.identity = bob;
    for (const kind of ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings']) {
      const body = (await (await list(kind)).json()) as ListBody;
      expect(body.total, kind).toBe(0);
      // Cluster-scoped: refused whatever exists, so the list says so. Namespaced: never (it would tell
      // which namespaces hold RoleBindings).
      expect(body.denied, kind).toBe(kind.startsWith('cluster') ? true : undefined);
    }
    who.identity = alice;
    expect(((await (await list('clusterroles')).json()) as ListBody).denied).toBeUndefined();
    who.identity = bob;
    expect((await get('clusterroles', '_', 'system:controller:job-controller')).status).toBe(403);
    expect((await get('rolebindings', 'shop-frontend', 'wheelhouse:developers-view')).status).toBe(403);
  });

  it('lists ServiceAccounts of his namespaces only', async () => {
    who.identity = bob;
    const body = (await (await list('serviceaccounts')).json()) as ListBody;
    const namespaces = [...new Set(body.items.map((i) => i.namespace))].sort();
    expect(namespaces).toEqual(['shop-backend', 'shop-frontend']);
  });
});
