// (c) Rolling back to revision N with exactly the JSON patch `kubectl rollout undo --to-revision=N`
// sends (kubectl polymorphichelpers/rollback.go, DeploymentRollbacker): replace /spec/template with
// the revision's ReplicaSet template minus pod-template-hash, and /metadata/annotations with the
// Deployment's own kept annotations plus the ReplicaSet's others. Raw JSON throughout (via the
// custom-objects client) so the patch is byte-for-byte what kubectl would marshal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, createNamespace, deleteNamespace, deployment, jsonPatch, waitFor } from './kube';

const c = clients('admin');
let ns = '';

interface Meta {
  name: string;
  uid: string;
  generation?: number;
  annotations?: Record<string, string>;
  ownerReferences?: { uid: string; controller?: boolean }[];
}
interface Template {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { containers: { name: string; image: string }[] };
}
interface RawDeployment {
  metadata: Meta;
  spec: { replicas: number; template: Template };
  status?: { observedGeneration?: number; updatedReplicas?: number; readyReplicas?: number; replicas?: number };
}
interface RawReplicaSet {
  metadata: Meta;
  spec: { replicas: number; template: Template };
  status?: { readyReplicas?: number };
}

// deploymentutil annotations kubectl keeps from the Deployment (rollback.go annotationsToSkip).
const ANNOTATIONS_TO_SKIP = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];
const HASH = 'pod-template-hash';

const apps = { group: 'apps', version: 'v1' };
const readDeployment = (name: string) =>
  c.custom.getNamespacedCustomObject({ ...apps, namespace: ns, plural: 'deployments', name }) as Promise<RawDeployment>;

async function history(d: RawDeployment): Promise<Map<number, RawReplicaSet>> {
  const list = (await c.custom.listNamespacedCustomObject({ ...apps, namespace: ns, plural: 'replicasets' })) as {
    items: RawReplicaSet[];
  };
  const owned = list.items.filter((rs) =>
    rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === d.metadata.uid),
  );
  return new Map(owned.map((rs) => [Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision']), rs]));
}

/** The patch kubectl sends for `rollout undo --to-revision`. */
function rollbackPatch(d: RawDeployment, rs: RawReplicaSet) {
  const template = structuredClone(rs.spec.template);
  delete template.metadata.labels?.[HASH];
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.includes(k)) annotations[k] = v;
  return [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}

async function rolledOut(name: string, image: string): Promise<RawDeployment | false> {
  const d = await readDeployment(name);
  const s = d.status ?? {};
  const ok =
    s.observedGeneration === d.metadata.generation &&
    s.updatedReplicas === d.spec.replicas &&
    s.readyReplicas === d.spec.replicas &&
    s.replicas === d.spec.replicas;
  return ok && d.spec.template.spec.containers[0]?.image === image && d;
}

beforeAll(async () => {
  ns = await createNamespace(c, 'rollback');
});

afterAll(async () => {
  if (ns) await deleteNamespace(c, ns);
});

describe('rollback as kubectl does it', () => {
  it('(c) restores revision 1 with kubectl rollout undo --to-revision=1', async () => {
    const started = Date.now();
    await c.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('shop', { replicas: 2, image: 'nginx:1.24' }),
    });
    await waitFor(() => rolledOut('shop', 'nginx:1.24'), 60_000, 'revision 1');
    for (const image of ['nginx:1.25', 'nginx:1.26']) {
      await c.apps.patchNamespacedDeployment(
        {
          name: 'shop',
          namespace: ns,
          body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }],
        },
        jsonPatch,
      );
      await waitFor(() => rolledOut('shop', image), 60_000, `rollout to ${image}`);
    }

    const before = await readDeployment('shop');
    const revisions = await history(before);
    expect([...revisions.keys()].sort()).toEqual([1, 2, 3]);
    const target = revisions.get(1)!;
    expect(target.spec.template.spec.containers[0]?.image).toBe('nginx:1.24');

    const patch = rollbackPatch(before, target);
    await c.apps.patchNamespacedDeployment({ name: 'shop', namespace: ns, body: patch }, jsonPatch);

    const after = await waitFor(() => rolledOut('shop', 'nginx:1.24'), 60_000, 'rollback to revision 1');
    const expected = structuredClone(target.spec.template);
    delete expected.metadata.labels?.[HASH];
    expect(after.spec.template).toEqual(expected);
    expect(after.spec.template.spec.containers.map((x) => x.image)).toEqual(['nginx:1.24']);

    // Rolling back re-uses revision 1's ReplicaSet under a new revision number; 1 leaves history.
    const now = await waitFor(
      async () => {
        const h = await history(after);
        return h.has(4) && !h.has(1) && h;
      },
      30_000,
      'revision 4',
    );
    const current = now.get(4)!;
    expect(current.metadata.uid).toBe(target.metadata.uid);
    expect(current.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    await waitFor(
      async () => {
        const h = await history(after);
        return [2, 3].every((r) => h.get(r)?.spec.replicas === 0) && (h.get(4)?.status?.readyReplicas ?? 0) === 2;
      },
      60_000,
      'old ReplicaSets scaled to 0',
    );
    console.log(`(c) three rollouts and a rollback in ${Date.now() - started} ms`);
  });
});
