import { describe, expect, it } from 'vitest';

import type { PodBehaviour } from './behaviour';
import {
  canonical,
  goDuration,
  imageID,
  isoSeconds,
  simulatePod,
  statusFingerprint,
  type SimInput,
} from './pod-status';

const T0 = Date.parse('2024-05-01T10:00:00Z');

function input(over: Partial<PodBehaviour['containers'][number]> = {}, now = T0): SimInput {
  return {
    pod: { namespace: 'shop', name: 'web-1', uid: 'u-1' },
    behaviour: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.25',
          runForMs: undefined,
          exitCode: 0,
          restarts: true,
          neverReady: false,
          readyAfterMs: 2000,
          backoffMs: 10_000,
          ...over,
        },
      ],
      cpuMillis: 50,
      memoryBytes: 1,
      cpuRamp: undefined,
    },
    initContainers: [],
    startMs: T0,
    podIP: '10.244.0.5',
    hostIP: '127.0.0.1',
    scheduled: undefined,
    now,
  };
}

const cond = (status: { conditions?: { type: string; status: string; lastTransitionTime?: string }[] }, type: string) =>
  status.conditions?.find((c) => c.type === type);

describe('simulatePod', () => {
  it('reports Running, then Ready after the delay', () => {
    const before = simulatePod(input({}, T0 + 1000));
    expect(before.status).toMatchObject({
      phase: 'Running',
      podIP: '10.244.0.5',
      hostIP: '127.0.0.1',
      startTime: '2024-05-01T10:00:00Z',
    });
    expect(cond(before.status, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(before.status.containerStatuses?.[0]).toMatchObject({
      ready: false,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: '2024-05-01T10:00:00Z' } },
    });
    expect(before.nextAt).toBe(T0 + 2000);

    const after = simulatePod(input({}, T0 + 2000));
    expect(cond(after.status, 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2024-05-01T10:00:02Z' });
    expect(cond(after.status, 'PodScheduled')).toMatchObject({ status: 'True' });
    expect(after.nextAt).toBeUndefined();
  });

  it('completes a job with its exit code', () => {
    const ok = simulatePod(input({ runForMs: 5000, restarts: false }, T0 + 6000));
    expect(ok.terminal).toBe(true);
    expect(ok.status.phase).toBe('Succeeded');
    expect(ok.status.containerStatuses?.[0]?.state).toMatchObject({
      terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2024-05-01T10:00:05Z' },
    });
    expect(cond(ok.status, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });

    const failed = simulatePod(input({ runForMs: 5000, restarts: false, exitCode: 3 }, T0 + 6000));
    expect(failed.status.phase).toBe('Failed');
    expect(failed.status.containerStatuses?.[0]?.state).toMatchObject({ terminated: { exitCode: 3, reason: 'Error' } });
  });

  it("shows CrashLoopBackOff with the last termination and kubelet's growing back-off", () => {
    // Run 0 [0, 2 s), 10 s of back-off, run 1 [12, 14 s), 20 s of back-off, run 2 at 34 s.
    const out = simulatePod(input({ runForMs: 2000, exitCode: 1, neverReady: true }, T0 + 13_000));
    const cs = out.status.containerStatuses?.[0];
    expect(out.status.phase).toBe('Running');
    expect(cs).toMatchObject({
      ready: false,
      restartCount: 1,
      state: { running: {} },
      lastState: { terminated: { exitCode: 1 } },
    });
    const waiting = simulatePod(input({ runForMs: 2000, exitCode: 1, neverReady: true }, T0 + 20_000)).status
      .containerStatuses?.[0];
    expect(waiting).toMatchObject({
      restartCount: 1,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: expect.stringMatching(/^back-off 20s restarting failed container=/),
        },
      },
      lastState: { terminated: { exitCode: 1 } },
    });
  });

  it('keeps the scheduler condition and reports init containers as completed', () => {
    const scheduled = {
      type: 'PodScheduled',
      status: 'True' as const,
      lastProbeTime: null,
      lastTransitionTime: '2024-05-01T09:59:59Z',
    };
    const out = simulatePod({ ...input(), scheduled, initContainers: [{ name: 'init', image: 'busybox' }] });
    expect(cond(out.status, 'PodScheduled')).toEqual(scheduled);
    expect(out.status.initContainerStatuses?.[0]).toMatchObject({
      name: 'init',
      ready: true,
      state: { terminated: { reason: 'Completed' } },
    });
  });
});

describe('statusFingerprint', () => {
  it('matches the same status after a JSON round trip through the API', () => {
    const status = simulatePod(input({}, T0 + 3000)).status;
    const stored = JSON.parse(JSON.stringify({ ...status, qosClass: 'BestEffort' })) as typeof status;
    stored.conditions = [...(stored.conditions ?? [])].reverse();
    expect(statusFingerprint(stored)).toBe(statusFingerprint(status));
  });

  it('changes when readiness changes', () => {
    expect(statusFingerprint(simulatePod(input({}, T0)).status)).not.toBe(
      statusFingerprint(simulatePod(input({}, T0 + 2000)).status),
    );
  });
});

describe('helpers', () => {
  it('prints a back-off as Go prints a duration, as kubelet does', () => {
    expect([10_000, 80_000, 160_000, 300_000].map(goDuration)).toEqual(['10s', '1m20s', '2m40s', '5m0s']);
  });

  it('formats whole seconds', () => {
    expect(isoSeconds(T0 + 999)).toBe('2024-05-01T10:00:00Z');
  });
  it('builds a pinned image id', () => {
    expect(imageID('registry.local:5000/team/app:v2')).toMatch(/^registry\.local:5000\/team\/app@sha256:[0-9a-f]{64}$/);
  });
  it('sorts keys and drops empties', () => {
    expect(canonical({ b: 1, a: { z: null, y: {} }, c: [] })).toBe('{"a":{},"b":1,"c":[]}');
  });
});
