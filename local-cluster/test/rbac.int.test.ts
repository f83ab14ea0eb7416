// (e) The local cluster's RBAC as the dashboard relies on it: bob (wheelhouse:developers, `view`
// in shop-frontend/shop-backend) may read Deployments but neither Secrets nor /scale writes;
// alice (wheelhouse:operators) may scale. Requests go out as each user's own token.
import type { V1Scale } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, deployment, statusOf, statusOfCall, uniqueName, waitFor } from './kube';

const NS = 'shop-frontend';
const admin = clients('admin');
const bob = clients('bob');
const alice = clients('alice');
const name = uniqueName('it-rbac');

beforeAll(async () => {
  await admin.apps.createNamespacedDeployment({ namespace: NS, body: deployment(name, { replicas: 1 }) });
  await admin.core.createNamespacedSecret({
    namespace: NS,
    body: { metadata: { name }, stringData: { password: 'hunter2' } },
  });
});

afterAll(async () => {
  for (const del of [
    () => admin.apps.deleteNamespacedDeployment({ name, namespace: NS }),
    () => admin.core.deleteNamespacedSecret({ name, namespace: NS }),
  ]) {
    try {
      await del();
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }
});

async function scaleTo(c: typeof bob, replicas: number): Promise<number> {
  return statusOfCall(async () => {
    const scale: V1Scale = await c.apps.readNamespacedDeploymentScale({ name, namespace: NS });
    // Replace with the resourceVersion we read: a concurrent change answers 409, never overwritten.
    await c.apps.replaceNamespacedDeploymentScale({ name, namespace: NS, body: { ...scale, spec: { replicas } } });
  });
}

describe('RBAC of the local cluster', () => {
  it('(e) bob may read Deployments in his team namespace but not Secrets', async () => {
    expect(await statusOfCall(() => bob.apps.readNamespacedDeployment({ name, namespace: NS }))).toBe(200);
    expect(await statusOfCall(() => bob.core.readNamespacedSecret({ name, namespace: NS }))).toBe(403);
    expect(await statusOfCall(() => bob.core.listNamespacedSecret({ namespace: NS }))).toBe(403);
    expect(await statusOfCall(() => bob.apps.listNamespacedDeployment({ namespace: 'data-platform' }))).toBe(403);
  });

  it('(e) bob may not scale a Deployment; alice may', async () => {
    expect(await scaleTo(bob, 3)).toBe(403);
    expect(
      await statusOfCall(() =>
        bob.apps.patchNamespacedDeployment({
          name,
          namespace: NS,
          body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
        }),
      ),
    ).toBe(403);

    expect(await scaleTo(alice, 2)).toBe(200);
    const d = await waitFor(
      async () => {
        const d = await admin.apps.readNamespacedDeployment({ name, namespace: NS });
        return d.status?.readyReplicas === 2 && d;
      },
      60_000,
      'two ready replicas after alice scaled',
    );
    expect(d.spec?.replicas).toBe(2);
    expect(await statusOfCall(() => alice.core.readNamespacedSecret({ name, namespace: NS }))).toBe(403);
  });
});
