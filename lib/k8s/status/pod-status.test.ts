import { describe, expect, it } from 'vitest';

import { podStatus } from '@/lib/k8s/status/pod-status';

const running = (ready: boolean, restarts = 0) => ({
  name: 'app',
  ready,
  restartCount: restarts,
  state: { running: { startedAt: 'x' } },
});

describe('podStatus (kubectl printPod)', () => {
  it('shows Running with ready counts', () => {
    const s = podStatus({
      metadata: {},
      spec: { containers: [{ name: 'app' }, { name: 'side' }] },
      status: {
        phase: 'Running',
        containerStatuses: [running(true), running(false, 2)],
        conditions: [{ type: 'Ready', status: 'False' }],
      },
    });
    expect(s).toEqual({ status: 'Running', readyContainers: 1, totalContainers: 2, restarts: 2, ready: false });
  });

  it('shows the waiting reason of a crash-looping container', () => {
    const s = podStatus({
      metadata: {},
      spec: { containers: [{ name: 'app' }] },
      status: {
        phase: 'Running',
        containerStatuses: [{ name: 'app', restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    });
    expect(s.status).toBe('CrashLoopBackOff');
    expect(s.restarts).toBe(7);
    expect(s.ready).toBe(false);
  });

  it('shows Completed for a finished job pod and Terminating once deleted', () => {
    const done = {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'job', state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
    };
    expect(podStatus({ metadata: {}, spec: { containers: [{ name: 'job' }] }, status: done }).status).toBe('Completed');
    expect(podStatus({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' }, status: done }).status).toBe(
      'Terminating',
    );
  });

  it('reports init progress before the main containers', () => {
    const s = podStatus({
      metadata: {},
      spec: { initContainers: [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'app' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'a', state: { terminated: { exitCode: 0 } } },
          { name: 'b', state: { running: {} } },
        ],
      },
    });
    expect(s.status).toBe('Init:1/2');
  });
});
