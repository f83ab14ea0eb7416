// Drain against the real local cluster as alice: the Eviction API as her, the PodDisruptionBudget
// honoured (one eviction waits until the replacement is Ready on the other node), the node agent and
// controllers doing their part (the evicted pods terminate; the Deployment recreates them elsewhere),
// and the run's audit record. Two throwaway nodes run by a second node agent (drain-scenario.ts).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setUpDrainScenario, type DrainScenario } from '@/local-cluster/test/drain-scenario';
import { clients, mergePatch, waitFor } from '@/local-cluster/test/kube';
import { auditStore } from '@/server/audit/store';
import { act, alice, bob } from '@/server/k8s/actions/actions-test-helpers';
import { userKube } from '@/server/k8s/actions/user-kube';
import { drainFinished, drainJob, stopDrain } from '@/server/k8s/nodes/drain-job';
import { nodeMaintenanceView } from '@/server/k8s/nodes/maintenance';

process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-drain-it-'));

const admin = clients('admin');
let s: DrainScenario;

beforeAll(async () => {
  s = await setUpDrainScenario('wh-drain-it-', [31581, 31582, 31583]);
}, 300_000);

afterAll(async () => {
  await s?.cleanup();
}, 120_000);

/** Drains a schedulable node as alice, from what she sees now. */
async function drainAsAlice(name: string, reason?: string) {
  const node = await admin.core.readNode({ name });
  const requestId = randomUUID();
  const result = await act(
    alice,
    'drain',
    { kind: 'nodes', namespace: '_', name },
    {
      requestId,
      resourceVersion: node.metadata!.resourceVersion!,
      unschedulable: false,
      ...(reason ? { reason } : {}),
    },
  );
  return { requestId, result };
}

describe('drain', () => {
  it('previews what kubectl drain would do: 2 pods evicted, the second blocked by the budget now', async () => {
    const view = await nodeMaintenanceView(userKube({ name: 'local' }, alice), alice, s.source);
    expect(view.unschedulable).toBe(false);
    expect(view.preview.evict.map((p) => [p.namespace, p.pdbs, p.order])).toEqual([
      [s.namespace, ['web'], 1],
      [s.namespace, ['web'], 2],
    ]);
    expect(view.preview.blocked).toHaveLength(1);
  });

  it('bob may not drain (403), and nothing is cordoned', async () => {
    const node = await admin.core.readNode({ name: s.source });
    const result = await act(
      bob,
      'drain',
      { kind: 'nodes', namespace: '_', name: s.source },
      {
        resourceVersion: node.metadata!.resourceVersion!,
        unschedulable: false,
      },
    );
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await admin.core.readNode({ name: s.source })).spec?.unschedulable).toBeFalsy();
  });

  it('alice drains: cordoned, first pod evicted, second waits for the budget, then all run on the other node', async () => {
    const { requestId, result } = await drainAsAlice(s.source, 'integration test: hardware swap');
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect((await admin.core.readNode({ name: s.source })).spec?.unschedulable).toBe(true);
    const job = await drainFinished(String(result.params?.job));
    expect(job?.state).toBe('completed');
    expect(job?.pods.map((p) => p.state)).toEqual(['evicted', 'evicted']);
    // The budget refused the second eviction (429) at least once: it waited for the replacement.
    expect(job?.pods[1]?.attempts).toBeGreaterThan(1);
    expect(job?.summary).toMatch(
      /^Drained wh-drain-it-1: 2 pods evicted in \d+ s \(1 pod waited for a PodDisruptionBudget\)/,
    );
    // The Deployment's pods now run, Ready, on the other node; none is left on the drained one.
    expect(await s.podsOn(s.source)).toEqual([]);
    const moved = await s.podsOn(s.target);
    expect(moved.filter((p) => p.ready).length).toBeGreaterThanOrEqual(1);

    const store = await auditStore();
    const entries = (await store.list({ cluster: 'local' }, { limit: 200 })).entries.filter(
      (e) => e.requestId === requestId,
    );
    // The cordon + start, and the run with how it ended.
    expect(entries.map((e) => [e.action, e.result, e.user, e.reason]).sort()).toEqual([
      ['drain', 'ok', 'alice', 'integration test: hardware swap'],
      ['drain', 'ok', 'alice', 'integration test: hardware swap'],
    ]);
    expect(entries.map((e) => e.message)).toContain(job?.summary);
  }, 120_000);

  it('a drain stopped while an eviction waits ends "stopped": the node stays cordoned, the audit says who stopped it', async () => {
    // Back the other way: the pods now run on the target; make the source schedulable and drain the target.
    await admin.core.patchNode({ name: s.source, body: { spec: { unschedulable: null } } }, mergePatch);
    const { requestId, result } = await drainAsAlice(s.target);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const id = String(result.params?.job);
    await waitFor(() => drainJob(id)?.view.pods.some((p) => p.state === 'waiting'), 30_000, 'an eviction waiting');
    expect(stopDrain(id, 'alice')).toBe(true);
    const job = await drainFinished(id);
    expect(job?.state).toBe('stopped');
    expect(job?.summary).toMatch(
      new RegExp(
        `^Drain of ${s.target} stopped by alice after \\d+ s: (1 of 2 pods evicted|0 of 2 pods evicted, 1 terminating); the node stays cordoned\\.$`,
      ),
    );
    expect(stopDrain(id, 'alice')).toBe(false);
    expect((await admin.core.readNode({ name: s.target })).spec?.unschedulable).toBe(true);
    const store = await auditStore();
    const run = (await store.list({ cluster: 'local' }, { limit: 200 })).entries.find(
      (e) => e.requestId === requestId && e.message === job?.summary,
    );
    expect(run).toMatchObject({ action: 'drain', result: 'failed', user: 'alice' });
  }, 60_000);
});
