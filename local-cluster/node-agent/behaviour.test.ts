import { describe, expect, it } from 'vitest';

import { ANNOTATION, parseCpuRamp, podBehaviour, podSyncSeed } from './behaviour';
import type { RawPod } from './types';

function pod(
  annotations: Record<string, string> = {},
  images = ['nginx:1.25'],
  restartPolicy?: RawPod['spec']['restartPolicy'],
): RawPod {
  return {
    metadata: { name: 'p', namespace: 'n', uid: 'u', annotations },
    spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })), restartPolicy },
  };
}

describe('podBehaviour', () => {
  it('uses the defaults', () => {
    const b = podBehaviour(pod());
    expect(b).toMatchObject({ cpuMillis: 50, memoryBytes: 64 * 2 ** 20, cpuRamp: undefined });
    expect(b.containers[0]).toMatchObject({
      readyAfterMs: 2000,
      runForMs: undefined,
      neverReady: false,
      restarts: true,
    });
  });

  it('reads ready-after, cpu, memory and the ramp', () => {
    const b = podBehaviour(
      pod({
        [ANNOTATION.readyAfter]: '5s',
        [ANNOTATION.cpu]: '200m',
        [ANNOTATION.memory]: '1Gi',
        [ANNOTATION.cpuRamp]: '800m/300s',
      }),
    );
    expect(b).toMatchObject({
      cpuMillis: 200,
      memoryBytes: 2 ** 30,
      cpuRamp: { targetMillis: 800, durationMs: 300_000 },
    });
    expect(b.containers[0]?.readyAfterMs).toBe(5000);
  });

  it('falls back on garbage instead of throwing', () => {
    const b = podBehaviour(
      pod({ [ANNOTATION.readyAfter]: 'soon', [ANNOTATION.cpu]: 'lots', [ANNOTATION.cpuRamp]: '800m' }),
    );
    expect(b).toMatchObject({ cpuMillis: 50, cpuRamp: undefined });
    expect(b.containers[0]?.readyAfterMs).toBe(2000);
  });

  it('crash-loops the whole pod by annotation, or one container by image tag', () => {
    const all = podBehaviour(pod({ [ANNOTATION.crashLoop]: 'true' }, ['a:1', 'b:2']));
    expect(all.containers.map((c) => c.neverReady)).toEqual([true, true]);
    expect(all.containers[0]).toMatchObject({ exitCode: 1, runForMs: 2000, restarts: true });

    const one = podBehaviour(pod({}, ['registry:5000/app:v1-crashloop', 'sidecar:1']));
    expect(one.containers.map((c) => c.neverReady)).toEqual([true, false]);
    expect(podBehaviour(pod({}, ['crashloop/app:1'])).containers[0]?.neverReady).toBe(false);
  });

  it('completes jobs per restartPolicy', () => {
    const ok = podBehaviour(pod({ [ANNOTATION.exitAfter]: '10s' }, ['job:1'], 'Never'));
    expect(ok.containers[0]).toMatchObject({ runForMs: 10_000, exitCode: 0, restarts: false });
    const fail = podBehaviour(
      pod({ [ANNOTATION.exitAfter]: '10s', [ANNOTATION.exitCode]: '2' }, ['job:1'], 'OnFailure'),
    );
    expect(fail.containers[0]).toMatchObject({ exitCode: 2, restarts: true });
    const okOnFailure = podBehaviour(pod({ [ANNOTATION.exitAfter]: '1s' }, ['job:1'], 'OnFailure'));
    expect(okOnFailure.containers[0]?.restarts).toBe(false);
  });

  it("seeds the sync jitter from the pod's uid, one seed for all its containers (one pod worker)", () => {
    const b = podBehaviour(pod({ [ANNOTATION.crashLoop]: 'true' }, ['a:1', 'b:2']));
    expect(b.containers.map((c) => c.syncSeed)).toEqual([podSyncSeed('u'), podSyncSeed('u')]);
    expect(podSyncSeed('u')).not.toBe(podSyncSeed('v'));
  });

  it('parses ramps', () => {
    expect(parseCpuRamp('1/1m')).toEqual({ targetMillis: 1000, durationMs: 60_000 });
    expect(parseCpuRamp(undefined)).toBeUndefined();
  });
});
