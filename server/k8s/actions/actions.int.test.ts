// Write actions against the real local cluster, as alice (operator) and bob (developer), through
// the same server functions the route handlers call. Admin only sets the stage.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  clients,
  createNamespace,
  deleteNamespace,
  deployment,
  jsonPatch,
  mergePatch,
  waitFor,
} from '@/local-cluster/test/kube';
import type { RawDeployment } from '@/lib/k8s/rollout/types';
import { act, alice, auditFor, bob, view } from '@/server/k8s/actions/actions-test-helpers';
import { planDeploymentRollback } from '@/lib/k8s/rollout/rollback';
import { applyRollback } from '@/server/k8s/actions/rollback';
import { userKube } from '@/server/k8s/actions/user-kube';
import { readHistory, readWorkload } from '@/server/k8s/actions/workloads';
import { KubeError } from '@/server/k8s/errors';

// The audit log of this run goes to a throwaway SQLite file (serverEnv() reads env lazily).
process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-actions-it-'));

const admin = clients('admin');
let ns = '';
const apps = { group: 'apps', version: 'v1' };

const read = (name: string) =>
  admin.custom.getNamespacedCustomObject({
    ...apps,
    namespace: ns,
    plural: 'deployments',
    name,
  }) as Promise<RawDeployment>;

async function rolledOut(name: string, image: string) {
  const d = await read(name);
  const s = d.status ?? {};
  const want = d.spec.replicas ?? 1;
  const ok =
    s.observedGeneration === d.metadata.generation &&
    s.updatedReplicas === want &&
    s.availableReplicas === want &&
    s.replicas === want &&
    d.spec.template.spec?.containers?.[0]?.image === image;
  return ok && d;
}

async function setImage(name: string, image: string, cause: string) {
  await admin.apps.patchNamespacedDeployment(
    {
      name,
      namespace: ns,
      body: {
        metadata: { annotations: { 'kubernetes.io/change-cause': cause } },
        spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
      },
    },
    mergePatch,
  );
}

/** A Deployment with revisions 1..3 (images web:1, web:2, web:3). */
async function threeRevisions(name: string) {
  await admin.apps.createNamespacedDeployment({
    namespace: ns,
    body: deployment(name, { replicas: 1, image: 'web:1' }),
  });
  await waitFor(() => rolledOut(name, 'web:1'), 60_000, `${name} revision 1`);
  for (const v of [2, 3]) {
    await setImage(name, `web:${v}`, `deploy web ${v}`);
    await waitFor(() => rolledOut(name, `web:${v}`), 60_000, `${name} revision ${v}`);
  }
}

const target = (name: string) => ({ kind: 'deployments', namespace: ns, name });
const seen = (v: { resourceVersion: string; generation?: number }) => ({
  resourceVersion: v.resourceVersion,
  generation: v.generation,
});

beforeAll(async () => {
  ns = await createNamespace(admin, 'actions');
  await threeRevisions('web');
});

afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

describe('history and diff as alice', () => {
  it('lists revisions 3, 2, 1 with change-cause, images and a diff of the template', async () => {
    const v = await view(alice, 'deployments', ns, 'web');
    expect(v.history.map((r) => [r.revision, r.images[0], r.current])).toEqual([
      [3, 'web:3', true],
      [2, 'web:2', false],
      [1, 'web:1', false],
    ]);
    expect(v.history[1]?.changeCause).toBe('deploy web 2');
    expect(v.history[0]?.diff).toBe('');
    expect(v.history[2]?.diff).toContain('-    - image: web:3');
    expect(v.history[2]?.diff).toContain('+    - image: web:1');
    expect(v.permissions).toMatchObject({ scale: true, rollback: true, pause: true, abort: true });
  });

  it('offers bob nothing outside his namespaces (the read itself is refused)', async () => {
    await expect(view(bob, 'deployments', ns, 'web')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('rollback', () => {
  it('refuses a change made since alice looked, and changes nothing', async () => {
    const before = await view(alice, 'deployments', ns, 'web');
    // Someone scales it meanwhile: a spec change (new generation).
    await admin.apps.patchNamespacedDeployment(
      { name: 'web', namespace: ns, body: { spec: { replicas: 2 } } },
      mergePatch,
    );
    const requestId = randomUUID();
    const r = await act(alice, 'rollback', target('web'), { requestId, ...seen(before), toRevision: 1 });
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
    expect(r.ok === false && r.message).toContain('changed since you looked');
    expect((await read('web')).spec.template.spec?.containers?.[0]?.image).toBe('web:3');
    expect((await auditFor(requestId))?.result).toBe('conflict');
  });

  it('the patch itself carries the resourceVersion: a stale one is a 409 from the API server', async () => {
    const kube = userKube({ name: 'local' }, alice);
    const t = { kind: 'deployments' as const, namespace: ns, name: 'web' };
    const stale = await readWorkload<RawDeployment>(kube, t);
    const history = await readHistory(kube, t, stale);
    await admin.apps.patchNamespacedDeployment(
      { name: 'web', namespace: ns, body: { metadata: { annotations: { touched: 'yes' } } } },
      mergePatch,
    );
    const plan = planDeploymentRollback(stale, history.revisions, 1, history.annotationsByRevision.get(1));
    if (!plan.ok) throw new Error(plan.message);
    const err = await applyRollback(
      { cluster: { name: 'local' }, who: alice, kube },
      { ...t, kind: 'Deployment' },
      plan,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).status).toBe(409);
    expect((await read('web')).spec.template.spec?.containers?.[0]?.image).toBe('web:3');
  });

  it('rolls back to revision 1: the template equals revision 1’s minus pod-template-hash', async () => {
    const v = await view(alice, 'deployments', ns, 'web');
    // Revision 1's template, read before the controller renumbers its ReplicaSet.
    const rs1 = (await admin.apps.listNamespacedReplicaSet({ namespace: ns })).items.find(
      (rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1',
    );
    const expected = structuredClone(rs1!.spec!.template!);
    delete expected.metadata!.labels!['pod-template-hash'];
    const requestId = randomUUID();
    const body = { requestId, ...seen(v), toRevision: 1, reason: 'web:3 is broken' };
    const r = await act(alice, 'rollback', target('web'), body);
    expect(r).toMatchObject({ ok: true, newRevision: 4 });
    expect(r.ok && r.message).toContain('it becomes revision 4');
    // The banner waits for the view: not rolled out while the new pods are not yet available.
    expect((await view(alice, 'deployments', ns, 'web')).rolledOut).toBe(false);
    // The same request again (double click, retry): the same answer, no second write.
    const again = await act(alice, 'rollback', target('web'), body);
    expect(again).toEqual(r);

    const after = await waitFor(() => rolledOut('web', 'web:1'), 60_000, 'rollback to web:1');
    expect(JSON.parse(JSON.stringify(after.spec.template))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(after.metadata.annotations?.['kubernetes.io/change-cause']).toBeUndefined();
    expect(after.metadata.annotations?.touched).toBe('yes'); // another tool's annotation survives

    const entry = await auditFor(requestId);
    expect(entry).toMatchObject({ result: 'ok', user: 'alice', action: 'rollback', reason: 'web:3 is broken' });
    expect(entry?.params).toEqual({ revision: { from: 3, to: 1 } });
    const audits = (await (await import('@/server/audit/store')).auditStore()).list(
      { cluster: 'local', user: 'alice' },
      { limit: 500 },
    );
    expect((await audits).entries.filter((e) => e.requestId === requestId)).toHaveLength(1);

    // Revision 1 became revision 4; rolling back to "4" is already the current template.
    const now = await view(alice, 'deployments', ns, 'web');
    expect(now.history[0]).toMatchObject({ revision: 4, images: ['web:1'], reusedFrom: [1], liveFromApprox: true });
    expect(now.rolledOut).toBe(true);
    // Live since the rollback (its new pods), not since the re-used ReplicaSet was created.
    expect(Date.parse(now.history[0]!.liveFrom!)).toBeGreaterThan(
      Date.parse(rs1!.metadata!.creationTimestamp!.toString()),
    );
    expect(now.history[1]?.liveUntil).toBe(now.history[0]?.liveFrom);
    const same = await act(alice, 'rollback', target('web'), { ...seen(now), toRevision: 4 });
    expect(same).toMatchObject({ ok: false, code: 'refused' });
    const gone = await act(alice, 'rollback', target('web'), { ...seen(now), toRevision: 1 });
    expect(gone).toMatchObject({ ok: false, code: 'refused' });
    expect(gone.ok === false && gone.message).toContain('unable to find specified revision 1');
  });

  it('bob is denied by the API server, and the denial is recorded', async () => {
    const v = await view(alice, 'deployments', ns, 'web');
    const requestId = randomUUID();
    const r = await act(bob, 'rollback', target('web'), { requestId, ...seen(v), toRevision: 2 });
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await auditFor(requestId)).toMatchObject({ result: 'denied', user: 'bob', status: 403 });
    expect((await read('web')).spec.template.spec?.containers?.[0]?.image).toBe('web:1');
  });

  it('refuses to roll back a paused Deployment, with the reason', async () => {
    let v = await view(alice, 'deployments', ns, 'web');
    expect(await act(alice, 'pause', target('web'), seen(v))).toMatchObject({ ok: true });
    expect((await read('web')).spec.paused).toBe(true);
    v = await view(alice, 'deployments', ns, 'web');
    expect(v.paused).toBe(true);
    const requestId = randomUUID();
    const r = await act(alice, 'rollback', target('web'), { ...seen(v), requestId, toRevision: 2 });
    expect(r).toMatchObject({ ok: false, code: 'refused' });
    expect(r.ok === false && r.message).toContain('paused');
    // Activity: a refusal as things stand (not invalid input), from the revision it was on.
    expect(await auditFor(requestId)).toMatchObject({
      result: 'refused',
      params: { revision: { from: v.history[0]?.revision, to: 2 } },
    });
    expect(v.history[0]?.revision).toBeGreaterThan(2);
    expect(await act(alice, 'resume', target('web'), seen(v))).toMatchObject({ ok: true });
    expect((await read('web')).spec.paused).toBeFalsy();
  });
});

describe('scale', () => {
  it('scales through the scale subresource with the observed resourceVersion', async () => {
    const v = await view(alice, 'deployments', ns, 'web');
    const r = await act(alice, 'scale', target('web'), { ...seen(v), replicas: 3 });
    expect(r).toMatchObject({ ok: true, params: { replicas: { from: v.replicas, to: 3 } } });
    await waitFor(async () => (await read('web')).status?.availableReplicas === 3, 60_000, '3 available');
    // A stale view (generation before the scale) is a conflict; nothing changes.
    const stale = await act(alice, 'scale', target('web'), { ...seen(v), replicas: 5 });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    expect((await read('web')).spec.replicas).toBe(3);
  });

  it('validates the number before anything is sent', async () => {
    const v = await view(alice, 'deployments', ns, 'web');
    for (const replicas of [-1, 2.5, 1001]) {
      expect(await act(alice, 'scale', target('web'), { ...seen(v), replicas })).toMatchObject({
        ok: false,
        code: 'invalid',
      });
    }
  });
});

describe('abort a rollout in trouble', () => {
  it('rolls back to the last good revision and pauses', async () => {
    await admin.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('pay', { replicas: 2, image: 'pay:1' }),
    });
    await waitFor(() => rolledOut('pay', 'pay:1'), 60_000, 'pay revision 1');
    // Revision 2 crash-loops (node agent: image tag containing "crashloop"); maxUnavailable 0 keeps revision 1 serving.
    await admin.apps.patchNamespacedDeployment(
      {
        name: 'pay',
        namespace: ns,
        body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'pay:2-crashloop' }],
      },
      jsonPatch,
    );
    const v = await waitFor(
      async () => {
        const x = await view(alice, 'deployments', ns, 'pay');
        return x.inTrouble && x;
      },
      30_000,
      'pay in trouble',
    );
    expect(v.abortTarget?.revision).toBe(1);
    // The deployment controller keeps writing the crash-looping rollout's status, and each write is a
    // new resourceVersion: the precondition then answers 409 and a person reloads and reviews. Do as
    // they would (a fresh request id each time), at most three times.
    let requestId = randomUUID();
    let r = await act(alice, 'abort', target('pay'), { requestId, ...seen(v) });
    for (let attempt = 0; attempt < 3 && !r.ok && r.code === 'conflict'; attempt++) {
      const again = await view(alice, 'deployments', ns, 'pay');
      requestId = randomUUID();
      r = await act(alice, 'abort', target('pay'), { requestId, ...seen(again) });
    }
    expect(r).toMatchObject({ ok: true });
    const after = await waitFor(() => rolledOut('pay', 'pay:1'), 60_000, 'pay back on pay:1');
    expect(after.spec.paused).toBe(true);
    expect(r).toMatchObject({ params: { revision: { from: 2, to: 1 }, paused: { from: false, to: true } } });
    // Each step is its own entry (abort = the rollback, then pause); the newest is the pause.
    expect((await auditFor(requestId))?.params).toEqual({ paused: { from: false, to: true } });
  });
});

describe('StatefulSet rollback from ControllerRevisions', () => {
  it('restores revision 1’s template with a strategic merge patch', async () => {
    const labels = { app: 'db' };
    const sts = (image: string) => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', labels },
      spec: {
        serviceName: 'db',
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'db', image }] } },
      },
    });
    await admin.apps.createNamespacedStatefulSet({ namespace: ns, body: sts('pg:13.10') });
    await admin.apps.patchNamespacedStatefulSet(
      {
        name: 'db',
        namespace: ns,
        body: { spec: { template: { spec: { containers: [{ name: 'db', image: 'pg:13.11' }] } } } },
      },
      mergePatch,
    );
    const v = await waitFor(
      async () => {
        const x = await view(alice, 'statefulsets', ns, 'db');
        return x.history.length === 2 && x;
      },
      30_000,
      'two ControllerRevisions',
    );
    expect(v.history.map((r) => [r.revision, r.images[0]])).toEqual([
      [2, 'pg:13.11'],
      [1, 'pg:13.10'],
    ]);
    expect(v.permissions).toMatchObject({ rollback: true, scale: true, pause: false, abort: false });
    const t = { kind: 'statefulsets', namespace: ns, name: 'db' };
    expect(await act(alice, 'rollback', t, { ...seen(v), toRevision: 2 })).toMatchObject({
      ok: false,
      code: 'refused',
    });
    expect(await act(alice, 'rollback', t, { ...seen(v), toRevision: 1 })).toMatchObject({ ok: true });
    const now = await admin.apps.readNamespacedStatefulSet({ name: 'db', namespace: ns });
    expect(now.spec?.template.spec?.containers.map((c) => c.image)).toEqual(['pg:13.10']);
  });
});

describe('HPA', () => {
  it('warns about the HPA on scale, and edits its min/max with the bounds seen as precondition', async () => {
    await admin.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('auto', { replicas: 1, image: 'auto:1' }),
    });
    await admin.custom.createNamespacedCustomObject({
      group: 'autoscaling',
      version: 'v1',
      namespace: ns,
      plural: 'horizontalpodautoscalers',
      body: {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'auto' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'auto' },
          minReplicas: 1,
          maxReplicas: 3,
        },
      },
    });
    const v = await view(alice, 'deployments', ns, 'auto');
    expect(v.hpa).toMatchObject({ name: 'auto', minReplicas: 1, maxReplicas: 3 });
    expect(v.permissions.hpaEdit).toBe(true);
    const scaled = await act(alice, 'scale', target('auto'), { ...seen(v), replicas: 2 });
    expect(scaled.ok && scaled.message).toContain('HorizontalPodAutoscaler auto manages it');

    const hpa = { kind: 'horizontalpodautoscalers', namespace: ns, name: 'auto' };
    const body = { resourceVersion: v.hpa!.resourceVersion, seen: { minReplicas: 1, maxReplicas: 3 } };
    expect(await act(alice, 'hpa-edit', hpa, { ...body, minReplicas: 4, maxReplicas: 3 })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await act(alice, 'hpa-edit', hpa, { ...body, minReplicas: 0, maxReplicas: 3 })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await act(alice, 'hpa-edit', hpa, { ...body, minReplicas: 2, maxReplicas: 5 })).toMatchObject({ ok: true });
    // The same bounds seen again are stale now.
    expect(await act(alice, 'hpa-edit', hpa, { ...body, minReplicas: 1, maxReplicas: 4 })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(
      await act(bob, 'hpa-edit', hpa, {
        ...body,
        seen: { minReplicas: 2, maxReplicas: 5 },
        minReplicas: 1,
        maxReplicas: 2,
      }),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const now = (await admin.custom.getNamespacedCustomObject({
      group: 'autoscaling',
      version: 'v1',
      namespace: ns,
      plural: 'horizontalpodautoscalers',
      name: 'auto',
    })) as { spec: { minReplicas: number; maxReplicas: number } };
    expect(now.spec).toMatchObject({ minReplicas: 2, maxReplicas: 5 });
  });
});
