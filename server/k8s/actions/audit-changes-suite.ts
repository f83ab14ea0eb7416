import 'server-only';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, createNamespace, deleteNamespace, deployment, mergePatch, waitFor } from '@/local-cluster/test/kube';
import type { RawDeployment } from '@/lib/k8s/rollout/types';
import { auditDatabase, closeAuditDatabase, databaseTarget } from '@/server/audit/database';
import { verifyChain } from '@/server/audit/verify';
import { act, alice, auditFor, view } from '@/server/k8s/actions/actions-test-helpers';

// Issue 15 item 5, shared by the SQLite and the PostgreSQL integration files (the process-wide audit
// database is chosen from the environment once per file): writes made through the actions API, as
// alice, against the real local cluster, record the spec fields they changed, before and after, in
// the audit row's outcome, covered by the hash chain.

export function auditChangesSuite(database: 'SQLite' | 'PostgreSQL') {
  const admin = clients('admin');
  let ns = '';
  const target = { kind: 'deployments', namespace: '', name: 'web' };
  const read = () =>
    admin.custom.getNamespacedCustomObject({
      group: 'apps',
      version: 'v1',
      namespace: ns,
      plural: 'deployments',
      name: 'web',
    }) as Promise<RawDeployment>;
  const seen = async () => {
    const v = await view(alice, 'deployments', ns, 'web');
    return { resourceVersion: v.resourceVersion, generation: v.generation };
  };
  /** Until the controllers stop rewriting the status (each write moves the resourceVersion). */
  const settled = (replicas: number) =>
    waitFor(
      async () => {
        const d = await read();
        const st = d.status ?? {};
        return (
          st.observedGeneration === d.metadata.generation &&
          st.replicas === replicas &&
          st.availableReplicas === replicas &&
          st.updatedReplicas === replicas
        );
      },
      60_000,
      `web settled at ${replicas}`,
    );

  beforeAll(async () => {
    expect(databaseTarget().kind).toBe(database === 'SQLite' ? 'sqlite' : 'postgres');
    ns = await createNamespace(admin, 'audit-changes');
    target.namespace = ns;
    await admin.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('web', { replicas: 1, image: 'web:1' }),
    });
    // Revision 2, so there is a revision to roll back to.
    await waitFor(async () => (await read()).status?.observedGeneration === 1, 60_000, 'revision 1 observed');
    await admin.apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: ns,
        body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'web:2' }] } } } },
      },
      mergePatch,
    );
    await waitFor(async () => (await read()).status?.observedGeneration === 2, 60_000, 'revision 2 observed');
  });

  afterAll(async () => {
    if (ns) await deleteNamespace(admin, ns);
    await closeAuditDatabase();
  });

  describe(`before/after in the audit log on ${database}`, () => {
    it('a scale records spec.replicas before and after, and the chain still verifies', async () => {
      const up = await act(alice, 'scale', target, { ...(await seen()), replicas: 3, requestId: crypto.randomUUID() });
      expect(up).toMatchObject({ ok: true, params: { replicas: { from: 1, to: 3 } } });
      await settled(3);
      const requestId = crypto.randomUUID();
      expect(await act(alice, 'scale', target, { ...(await seen()), replicas: 2, requestId })).toMatchObject({
        ok: true,
      });
      const entry = await auditFor(requestId);
      expect(entry).toMatchObject({
        result: 'ok',
        changes: { fields: [{ path: 'spec.replicas', before: '3', after: '2' }], omitted: 0 },
      });
      expect((await read()).spec.replicas).toBe(2);
      const report = await verifyChain(await auditDatabase());
      expect(report.problems).toEqual([]);
    });

    it('a rollback records the pod template diff by container name; a refused one records none', async () => {
      await settled(2);
      const requestId = crypto.randomUUID();
      const r = await act(alice, 'rollback', target, { ...(await seen()), toRevision: 1, requestId });
      expect(r).toMatchObject({ ok: true });
      const entry = await auditFor(requestId);
      expect(entry?.changes?.fields).toEqual([
        { path: 'spec.template.spec.containers[app].image', before: 'web:2', after: 'web:1' },
      ]);
      expect((await read()).spec.template.spec?.containers?.[0]?.image).toBe('web:1');

      // Rolling back to the template it already runs is refused: nothing changed, nothing recorded.
      await waitFor(
        async () => (await read()).status?.observedGeneration === (await read()).metadata.generation,
        60_000,
        'rollback observed',
      );
      const again = crypto.randomUUID();
      const current = (await view(alice, 'deployments', ns, 'web')).history[0]?.revision ?? 0;
      const refused = await act(alice, 'rollback', target, {
        ...(await seen()),
        toRevision: current,
        requestId: again,
      });
      expect(refused.ok).toBe(false);
      expect(await auditFor(again)).toMatchObject({ changes: null });
    });

    it('pause and resume record spec.paused', async () => {
      await settled(2);
      const requestId = crypto.randomUUID();
      expect(await act(alice, 'pause', target, { ...(await seen()), requestId })).toMatchObject({ ok: true });
      expect((await auditFor(requestId))?.changes?.fields).toEqual([
        { path: 'spec.paused', before: null, after: 'true' },
      ]);
      await waitFor(
        async () => (await read()).status?.observedGeneration === (await read()).metadata.generation,
        60_000,
        'pause observed',
      );
      const resumed = crypto.randomUUID();
      expect(await act(alice, 'resume', target, { ...(await seen()), requestId: resumed })).toMatchObject({ ok: true });
      expect((await auditFor(resumed))?.changes?.fields).toEqual([
        // The API server omits paused: false (omitempty): the field is gone, as stored.
        { path: 'spec.paused', before: 'true', after: null },
      ]);
      expect((await verifyChain(await auditDatabase())).ok).toBe(true);
    });
  });
}
