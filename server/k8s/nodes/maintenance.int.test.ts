// Node maintenance against the real local cluster, as alice (operator) and bob (developer), through
// the same function the route calls (runNamedAction). A throwaway Node object (tainted NoSchedule, no
// agent behind it) is the target, so the cluster's real nodes are never cordoned here.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, mergePatch, uniqueName } from '@/local-cluster/test/kube';
import { act, alice, auditFor, bob } from '@/server/k8s/actions/actions-test-helpers';
import { userKube } from '@/server/k8s/actions/user-kube';
import { nodeMaintenanceView } from '@/server/k8s/nodes/maintenance';

process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-node-maint-it-'));

const admin = clients('admin');
const node = uniqueName('wh-it-maint');
const target = { kind: 'nodes', namespace: '_', name: node };

async function readNode() {
  return admin.core.readNode({ name: node });
}

beforeAll(async () => {
  await admin.core.createNode({
    body: {
      metadata: { name: node, labels: { 'wheelhouse.dev/test': 'node-maintenance' } },
      spec: { taints: [{ key: 'wheelhouse.dev/test', value: 'node-maintenance', effect: 'NoSchedule' }] },
    },
  });
});

afterAll(async () => {
  await admin.core.deleteNode({ name: node }).catch(() => undefined);
});

describe('cordon and uncordon', () => {
  it('alice cordons: spec.unschedulable is set as her, and the audit log says so with her reason', async () => {
    const before = await readNode();
    const result = await act(alice, 'cordon', target, {
      resourceVersion: before.metadata!.resourceVersion!,
      unschedulable: false,
      reason: 'kernel upgrade',
    });
    expect(result).toMatchObject({ ok: true, params: { unschedulable: { from: false, to: true } } });
    expect((await readNode()).spec?.unschedulable).toBe(true);
  });

  it('cordoning again is refused in words, nothing sent', async () => {
    const now = await readNode();
    const result = await act(alice, 'cordon', target, {
      resourceVersion: now.metadata!.resourceVersion!,
      unschedulable: true,
    });
    expect(result).toEqual({ ok: false, code: 'refused', message: `Node ${node} is already cordoned` });
  });

  it('a node someone uncordoned since alice looked is a conflict', async () => {
    const seen = await readNode();
    await admin.core.patchNode({ name: node, body: { spec: { unschedulable: null } } }, mergePatch);
    // alice saw it cordoned (and its old resourceVersion); she now asks to uncordon what is already
    // schedulable → refused; asking to cordon with her stale view → conflict.
    const result = await act(alice, 'cordon', target, {
      resourceVersion: seen.metadata!.resourceVersion!,
      unschedulable: true,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('conflict');
      expect(result.message).toContain('it was cordoned and is now schedulable');
    }
    expect((await readNode()).spec?.unschedulable).toBeFalsy();
  });

  it('bob is refused by Kubernetes (403) and the attempt is recorded as denied', async () => {
    const before = await readNode();
    const requestId = crypto.randomUUID();
    const result = await act(bob, 'cordon', target, {
      requestId,
      resourceVersion: before.metadata!.resourceVersion!,
      unschedulable: false,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('forbidden');
    expect((await readNode()).spec?.unschedulable).toBeFalsy();
    expect(await auditFor(requestId)).toMatchObject({ user: 'bob', action: 'cordon', kind: 'Node', result: 'denied' });
  });

  it('uncordon as alice clears spec.unschedulable', async () => {
    await admin.core.patchNode({ name: node, body: { spec: { unschedulable: true } } }, mergePatch);
    const seen = await readNode();
    const requestId = crypto.randomUUID();
    const result = await act(alice, 'uncordon', target, {
      requestId,
      resourceVersion: seen.metadata!.resourceVersion!,
      unschedulable: true,
      reason: 'done',
    });
    expect(result).toMatchObject({ ok: true });
    expect((await readNode()).spec?.unschedulable).toBeFalsy();
    expect(await auditFor(requestId)).toMatchObject({
      user: 'alice',
      action: 'uncordon',
      name: node,
      reason: 'done',
      result: 'ok',
      params: { unschedulable: { from: true, to: false } },
    });
  });

  it('bad input is a 4xx in words', async () => {
    const bad = await act(alice, 'cordon', target, { resourceVersion: 'x', unschedulable: 'no' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    const wrongNs = await act(alice, 'cordon', { ...target, namespace: 'default' }, { resourceVersion: '1' });
    expect(wrongNs).toMatchObject({ ok: false, code: 'not-found' });
    const wrongAction = await act(alice, 'scale', target, { resourceVersion: '1' });
    expect(wrongAction).toMatchObject({ ok: false, code: 'not-found' });
  });
});

describe('the maintenance view', () => {
  it('offers alice cordon and drain, bob neither (he may not even read the node)', async () => {
    const view = await nodeMaintenanceView(userKube({ name: 'local' }, alice), alice, node);
    expect(view.permissions).toEqual({ cordon: true, drain: true });
    expect(view.preview.evict).toEqual([]);
    await expect(nodeMaintenanceView(userKube({ name: 'local' }, bob), bob, node)).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });
});
