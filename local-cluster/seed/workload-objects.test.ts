import { describe, expect, it } from 'vitest';
import { CHANGE_CAUSE, SIM, STUCK_ROLLOUT, WORKLOADS } from './workload-catalog';
import { hpaObject, imageAt, maxSteadyPods, revisionPatch, workloadAt } from './workload-objects';

const byName = (name: string) => {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(name);
  return w;
};

describe('workload catalog', () => {
  it('gives every Deployment 3+ revisions with distinct images and change-causes', () => {
    for (const w of WORKLOADS.filter((x) => x.kind === 'Deployment')) {
      expect(w.revisions.length, w.name).toBeGreaterThanOrEqual(3);
      expect(new Set(w.revisions.map((_, i) => imageAt(w, i))).size).toBe(w.revisions.length);
      expect(new Set(w.revisions.map((r) => r.changeCause)).size).toBe(w.revisions.length);
      expect(w.replicas).toBeGreaterThanOrEqual(2);
      expect(w.replicas).toBeLessThanOrEqual(4);
    }
  });

  it('keeps the demo under 40 pods with 3 nodes (HPA at max, cron history included)', () => {
    const cronPods = 2 + 3; // two seeded past Jobs, three kept successful runs
    expect(maxSteadyPods(WORKLOADS, 3) + cronPods).toBeLessThanOrEqual(40);
  });

  it('ends payments on a crash-looping image that cannot take old pods down', () => {
    const w = byName(STUCK_ROLLOUT.name);
    const last = w.revisions.length - 1;
    expect(imageAt(w, last)).toMatch(/:2\.1\.0-crashloop$/);
    const obj = workloadAt(w, 0) as { spec: Record<string, unknown> };
    expect(obj.spec.progressDeadlineSeconds).toBe(60);
    expect(obj.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    const patch = revisionPatch(w, last) as {
      metadata: { annotations: Record<string, string> };
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    expect(patch.metadata.annotations[CHANGE_CAUSE]).toBe('deploy v2.1.0: switch to the new PSP client');
    expect(patch.spec.template.metadata.annotations[SIM.crashLoop]).toBe('true');
    // Earlier revisions do not crash.
    const first = revisionPatch(w, 1) as typeof patch;
    expect(first.spec.template.metadata.annotations[SIM.crashLoop]).toBeUndefined();
  });

  it('patches only the template and the change-cause between revisions (never replicas)', () => {
    const patch = revisionPatch(byName('storefront'), 2) as { spec: Record<string, unknown> };
    expect(Object.keys(patch.spec)).toEqual(['template']);
  });

  it('autoscales storefront with autoscaling/v2beta2 on 60 % CPU, 2..6 replicas, 100m requests', () => {
    const w = byName('storefront');
    const hpa = hpaObject(w) as { apiVersion: string; spec: Record<string, unknown> };
    expect(hpa.apiVersion).toBe('autoscaling/v2beta2');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
    expect(JSON.stringify(hpa.spec.metrics)).toContain('"averageUtilization":60');
    expect(w.cpu[0]).toBe('100m');
    expect(w.sim[SIM.cpuRamp]).toBeDefined();
  });

  it('gives every pod template cpu and memory requests and limits', () => {
    for (const w of WORKLOADS) {
      const c = (workloadAt(w, 0) as { spec: { template: { spec: { containers: Array<{ resources: unknown }> } } } })
        .spec.template.spec.containers[0];
      expect(c?.resources, w.name).toMatchObject({
        requests: { cpu: w.cpu[0], memory: w.memory[0] },
        limits: { cpu: w.cpu[1] },
      });
    }
  });
});
