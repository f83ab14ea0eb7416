// (d) The node agent's simulated behaviours: a crash-looping pod is never Ready and its
// restartCount climbs; a Job whose pod exits completes; a deleted pod is removed after the
// agent's grace cap (2 s) even when it asks for 30 s.
import type { V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, createNamespace, deleteNamespace, statusOfCall, waitFor } from './kube';

const c = clients('admin');
let ns = '';

beforeAll(async () => {
  ns = await createNamespace(c, 'behaviour');
});

afterAll(async () => {
  if (ns) await deleteNamespace(c, ns);
});

function pod(name: string, annotations: Record<string, string>, images: string[]): V1Pod {
  return {
    metadata: { name, annotations },
    spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })), terminationGracePeriodSeconds: 30 },
  };
}

const ready = (p: V1Pod) => p.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True';

describe('simulated pod behaviour', () => {
  it('(d) a crash-looping pod is never Ready and its restartCount climbs', async () => {
    const started = Date.now();
    await c.core.createNamespacedPod({
      namespace: ns,
      body: pod('crash', { 'sim.wheelhouse.dev/crash-loop': 'true' }, ['nginx:1.25']),
    });
    // One container crash-loops by image tag; the other runs fine.
    await c.core.createNamespacedPod({
      namespace: ns,
      body: pod('crash-tag', {}, ['shop/api:v2-crashloop', 'nginx:1.25']),
    });

    let sawBackOff = false;
    let lastCount = -1;
    const final = await waitFor(
      async () => {
        const [a, b] = await Promise.all(
          ['crash', 'crash-tag'].map((name) => c.core.readNamespacedPod({ name, namespace: ns })),
        );
        for (const p of [a!, b!]) expect(ready(p), `${p.metadata?.name} must never be Ready`).toBe(false);
        const cs = a!.status?.containerStatuses?.[0];
        if (cs?.state?.waiting?.reason === 'CrashLoopBackOff') sawBackOff = true;
        const count = cs?.restartCount ?? 0;
        expect(count).toBeGreaterThanOrEqual(lastCount);
        lastCount = count;
        const tagged = b!.status?.containerStatuses?.find((x) => x.name === 'c0');
        return count >= 2 && (tagged?.restartCount ?? 0) >= 2 && sawBackOff && ([a!, b!] as const);
      },
      90_000,
      'restartCount >= 2',
      1000,
    );

    const [crash, tagged] = final;
    expect(crash.status?.phase).toBe('Running');
    const cs = crash.status?.containerStatuses?.[0];
    expect(cs?.ready).toBe(false);
    expect(cs?.lastState?.terminated?.exitCode).toBe(1);
    const healthy = tagged.status?.containerStatuses?.find((x) => x.name === 'c1');
    expect(healthy).toMatchObject({ ready: true, restartCount: 0 });
    expect(tagged.status?.conditions?.find((x) => x.type === 'ContainersReady')?.status).toBe('False');
    console.log(`(d) restartCount reached ${cs?.restartCount} in ${Date.now() - started} ms`);
  });

  it('completes a Job whose pod exits with code 0', async () => {
    await c.batch.createNamespacedJob({
      namespace: ns,
      body: {
        metadata: { name: 'report' },
        spec: {
          backoffLimit: 0,
          template: {
            metadata: { annotations: { 'sim.wheelhouse.dev/exit-after': '2s' } },
            spec: { restartPolicy: 'Never', containers: [{ name: 'report', image: 'busybox:1.36' }] },
          },
        },
      },
    });
    const job = await waitFor(
      async () => {
        const j = await c.batch.readNamespacedJob({ name: 'report', namespace: ns });
        return (j.status?.succeeded ?? 0) >= 1 && j;
      },
      60_000,
      'job to succeed',
    );
    expect(job.status?.conditions?.find((x) => x.type === 'Complete')?.status).toBe('True');
    const pods = await c.core.listNamespacedPod({ namespace: ns, labelSelector: 'job-name=report' });
    expect(pods.items[0]?.status?.phase).toBe('Succeeded');
    expect(pods.items[0]?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('fails a pod that exits with a non-zero code', async () => {
    await c.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: {
          name: 'fails',
          annotations: { 'sim.wheelhouse.dev/exit-after': '1s', 'sim.wheelhouse.dev/exit-code': '3' },
        },
        spec: { restartPolicy: 'Never', containers: [{ name: 'x', image: 'busybox:1.36' }] },
      },
    });
    const p = await waitFor(
      async () => {
        const p = await c.core.readNamespacedPod({ name: 'fails', namespace: ns });
        return p.status?.phase === 'Failed' && p;
      },
      30_000,
      'pod to fail',
    );
    expect(p.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('removes a deleted pod after the grace cap, not its 30 s grace period', async () => {
    await c.core.createNamespacedPod({ namespace: ns, body: pod('short-lived', {}, ['nginx:1.25']) });
    await waitFor(
      async () => ready(await c.core.readNamespacedPod({ name: 'short-lived', namespace: ns })),
      30_000,
      'pod Ready',
    );
    const started = Date.now();
    await c.core.deleteNamespacedPod({ name: 'short-lived', namespace: ns });
    await waitFor(
      async () => (await statusOfCall(() => c.core.readNamespacedPod({ name: 'short-lived', namespace: ns }))) === 404,
      15_000,
      'pod gone',
      250,
    );
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(6000);
    console.log(`deleted pod (grace 30 s) removed after ${ms} ms`);
  });
});
