import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, createNamespace, deleteNamespace, deployment } from '@/local-cluster/test/kube';
import { runNamedAction } from '@/server/k8s/actions/registry';

import { auditDatabase } from './database';
import { startElevation } from './elevation';
import { ElevationStore } from './elevation-store';
import { AuditStore } from './store';

// WHEELHOUSE_ELEVATION=required end to end on the real cluster: alice's scale is refused (and
// nothing is sent; the refusal is recorded) until she enables changes; an elevation that has run out refuses
// again. The environment is read once per test file, so it is set before first use.

const dir = mkdtempSync(join(tmpdir(), 'wh-elevation-it-'));
process.env.WHEELHOUSE_DATA_DIR = dir;
process.env.WHEELHOUSE_ELEVATION = 'required';
delete process.env.DATABASE_URL;

const admin = clients('admin');
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const NAME = 'elevated-web';
let namespace: string;

beforeAll(async () => {
  namespace = await createNamespace(admin, 'elevation');
  await admin.apps.createNamespacedDeployment({ namespace, body: deployment(NAME, { replicas: 1 }) });
});
afterAll(async () => {
  if (namespace) await deleteNamespace(admin, namespace);
  await (await auditDatabase()).destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function scaleAsAlice(replicas: number, requestId = randomUUID()) {
  const d = await admin.apps.readNamespacedDeployment({ name: NAME, namespace });
  const body = {
    requestId,
    replicas,
    resourceVersion: d.metadata?.resourceVersion,
    generation: d.metadata?.generation,
    reason: 'elevation test',
  };
  const params = { cluster: 'local', kind: 'deployments', namespace, name: NAME, action: 'scale' };
  return { requestId, result: await runNamedAction(alice, params, body) };
}

const replicas = async () => (await admin.apps.readNamespacedDeployment({ name: NAME, namespace })).spec?.replicas;
const logged = async (requestId: string) =>
  (await new AuditStore(await auditDatabase()).list({ cluster: 'local', namespace }, { limit: 100 })).entries.filter(
    (e) => e.requestId === requestId,
  );

describe('elevation required', () => {
  it('refuses a scale without elevation before anything is sent, and records the refusal', async () => {
    const { requestId, result } = await scaleAsAlice(2);
    expect(result).toMatchObject({ ok: false, code: 'elevation-required' });
    expect(await replicas()).toBe(1);
    expect(await logged(requestId)).toMatchObject([{ result: 'denied', user: 'alice', action: 'scale' }]);
  });

  it('lets the scale through once changes are enabled, and records it', async () => {
    await startElevation(alice, 'local', { reason: 'scale test', minutes: 15, requestId: randomUUID() });
    const { requestId, result } = await scaleAsAlice(2);
    expect(result).toMatchObject({ ok: true });
    expect(await replicas()).toBe(2);
    expect(await logged(requestId)).toMatchObject([{ result: 'ok', user: 'alice', reason: 'elevation test' }]);
  });

  it('refuses again once the elevation has run out', async () => {
    // An elevation started 20 minutes ago for 15 minutes (the store's clock is the only thing faked).
    const past = new ElevationStore(await auditDatabase(), { now: () => new Date(Date.now() - 20 * 60_000) });
    await past.start('alice', 'local', 'expired one', 15);
    const { result } = await scaleAsAlice(3);
    expect(result).toMatchObject({ ok: false, code: 'elevation-required' });
    expect(await replicas()).toBe(2);
  });
});
