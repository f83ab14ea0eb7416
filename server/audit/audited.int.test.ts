import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  clients,
  createNamespace,
  deleteNamespace,
  deployment,
  mergePatch,
  type Clients,
} from '@/local-cluster/test/kube';
import { toKubeError } from '@/server/k8s/errors';

import { auditedWith } from './audited';
import { AuditStore } from './store';
import { tempPostgres, tempSqlite, type TempDatabase } from './testing/temp-database';
import type { AuditAttempt } from './types';

// audited() around real scale requests on the local cluster, made with each person's own
// credentials: the API server's answer (not the dashboard) decides what is recorded.

const stores: [string, () => Promise<TempDatabase>][] = [
  ['SQLite', tempSqlite],
  ['PostgreSQL', () => tempPostgres(inject('postgresAdminUrl'))],
];

const admin = clients('admin');
let namespace: string;
const NAME = 'audited-web';

beforeAll(async () => {
  namespace = await createNamespace(admin, 'audit');
  await admin.apps.createNamespacedDeployment({ namespace, body: deployment(NAME, { replicas: 1 }) });
});
afterAll(async () => {
  if (namespace) await deleteNamespace(admin, namespace);
});

async function currentScale() {
  const s = await admin.apps.readNamespacedDeploymentScale({ name: NAME, namespace });
  return { replicas: s.spec?.replicas ?? 0, resourceVersion: s.metadata?.resourceVersion ?? '' };
}

/** A scale as `c`'s user, with the resourceVersion they saw as a precondition. */
function scaleAs(c: Clients, to: number, resourceVersion: string) {
  return () =>
    c.apps
      .patchNamespacedDeploymentScale(
        { name: NAME, namespace, body: { metadata: { resourceVersion }, spec: { replicas: to } } },
        mergePatch,
      )
      .catch((err: unknown) => {
        throw toKubeError(err, { cluster: 'local' });
      });
}

describe.each(stores)('audited scale on the local cluster, log on %s', (_name, open) => {
  let temp: TempDatabase;
  let store: AuditStore;
  beforeAll(async () => {
    temp = await open();
    store = new AuditStore(temp.db);
  });
  afterAll(async () => {
    await temp?.close();
  });

  function attempt(user: string, groups: string[], from: number, to: number, rv: string): AuditAttempt {
    return {
      requestId: crypto.randomUUID(),
      user,
      groups,
      cluster: 'local',
      kind: 'Deployment',
      namespace,
      name: NAME,
      action: 'scale',
      params: { replicas: { from, to } },
      resourceVersion: rv,
      reason: `${user} test`,
    };
  }

  async function onlyEntry(requestId: string) {
    const entries = (await store.list({ cluster: 'local', namespace }, { limit: 100 })).entries;
    const mine = entries.filter((e) => e.requestId === requestId);
    expect(mine).toHaveLength(1);
    return mine[0];
  }

  it('records bob’s scale as denied (403) and leaves the Deployment unchanged', async () => {
    const before = await currentScale();
    const a = attempt('bob', ['wheelhouse:developers'], before.replicas, before.replicas + 1, before.resourceVersion);
    const err = await auditedWith(store, a, scaleAs(clients('bob'), before.replicas + 1, before.resourceVersion)).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(await onlyEntry(a.requestId)).toMatchObject({
      user: 'bob',
      result: 'denied',
      status: 403,
      params: { replicas: { from: before.replicas, to: before.replicas + 1 } },
      resourceVersion: before.resourceVersion,
    });
    expect((await currentScale()).replicas).toBe(before.replicas);
  });

  it('records alice’s scale as ok, and a second scale from the same stale view as conflict', async () => {
    const before = await currentScale();
    const to = before.replicas + 1;
    const a = attempt('alice', ['wheelhouse:operators'], before.replicas, to, before.resourceVersion);
    await auditedWith(store, a, scaleAs(clients('alice'), to, before.resourceVersion));
    expect(await onlyEntry(a.requestId)).toMatchObject({ user: 'alice', result: 'ok', reason: 'alice test' });
    expect((await currentScale()).replicas).toBe(to);

    const stale = attempt('alice', ['wheelhouse:operators'], before.replicas, to + 1, before.resourceVersion);
    await expect(
      auditedWith(store, stale, scaleAs(clients('alice'), to + 1, before.resourceVersion)),
    ).rejects.toMatchObject({ kind: 'conflict', status: 409 });
    expect(await onlyEntry(stale.requestId)).toMatchObject({ result: 'conflict', status: 409 });
    expect((await currentScale()).replicas).toBe(to);
  });
});
