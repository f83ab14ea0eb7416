import { describe, expect, it } from 'vitest';

import { podHealth, podStatus, restartsText } from '@/lib/k8s/status/pod-status';

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

  it('shows Completed for a finished job pod and Terminating once a running pod is deleted', () => {
    const done = {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'job', state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
    };
    expect(podStatus({ metadata: {}, spec: { containers: [{ name: 'job' }] }, status: done }).status).toBe('Completed');
    const live = { phase: 'Running', containerStatuses: [running(true)] };
    expect(podStatus({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' }, status: live }).status).toBe(
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

// Fixtures as a v1.29+ kubelet writes pod status; expectations from kubectl's printPod, v1.31
// (kubernetes/kubernetes pkg/printers/internalversion/printers.go printPod and printers_test.go
// TestPrintPod / TestPrintPodWithRestartableInitContainer).
describe('podStatus on current Kubernetes (printPod, v1.31)', () => {
  const NOW = '2026-01-01T00:10:00Z';

  it('counts a native sidecar as a container: 2/2 Running, with only its restarts after init', () => {
    const s = podStatus({
      metadata: {},
      spec: {
        initContainers: [{ name: 'setup' }, { name: 'proxy', restartPolicy: 'Always' }],
        containers: [{ name: 'app' }],
      },
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        initContainerStatuses: [
          { name: 'setup', ready: true, restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          {
            name: 'proxy',
            ready: true,
            started: true,
            restartCount: 1,
            state: { running: { startedAt: '2026-01-01T00:05:00Z' } },
            lastState: { terminated: { exitCode: 137, finishedAt: '2026-01-01T00:04:59Z' } },
          },
        ],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 2, state: { running: {} } }],
      },
    });
    expect(s).toMatchObject({ status: 'Running', readyContainers: 2, totalContainers: 2, restarts: 3 });
    expect(restartsText(s.restarts, s.lastRestartAt, NOW)).toBe('3 (5m1s ago)');
  });

  it('no longer counts plain init-container restarts once init completed', () => {
    const s = podStatus({
      metadata: {},
      spec: { initContainers: [{ name: 'migrate' }], containers: [{ name: 'app' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        initContainerStatuses: [{ name: 'migrate', restartCount: 5, state: { terminated: { exitCode: 0 } } }],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }],
      },
    });
    expect(s).toMatchObject({ status: 'Running', restarts: 0, lastRestartAt: undefined });
    expect(restartsText(0, undefined, NOW)).toBe('0');
  });

  it('keeps Completed and Error for terminal pods being deleted', () => {
    const finished = (phase: string, reason: string, exitCode: number) => ({
      metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' },
      spec: { containers: [{ name: 'job' }] },
      status: { phase, containerStatuses: [{ name: 'job', state: { terminated: { reason, exitCode } } }] },
    });
    expect(podStatus(finished('Succeeded', 'Completed', 0)).status).toBe('Completed');
    expect(podStatus(finished('Failed', 'Error', 1)).status).toBe('Error');
    expect(podStatus(finished('Running', 'Error', 1)).status).toBe('Terminating');
  });

  it('prints Completed for a completed container beside a running, not-ready one', () => {
    const s = podStatus({
      metadata: {},
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          { name: 'a', ready: false, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { name: 'b', ready: false, state: { running: {} } },
        ],
      },
    });
    expect(s).toMatchObject({ status: 'Completed', readyContainers: 0 });
  });

  it('prints SchedulingGated for a pod held by scheduling gates', () => {
    const s = podStatus({
      metadata: {},
      spec: { containers: [{ name: 'app' }] },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      },
    });
    expect(s.status).toBe('SchedulingGated');
  });
});

describe('podHealth', () => {
  it.each([
    'CrashLoopBackOff',
    'ImagePullBackOff',
    'ErrImagePull',
    'OOMKilled',
    'CreateContainerConfigError',
    'Init:CrashLoopBackOff',
    'Init:Error',
    'ExitCode:1',
    'Error',
  ])('%s is bad', (word) => expect(podHealth(word)).toBe('bad'));
  it.each(['Running', 'Completed', 'ExitCode:0'])('%s is good', (word) => expect(podHealth(word)).toBe('good'));
  it.each(['Pending', 'ContainerCreating', 'Init:0/1', 'Terminating', 'SchedulingGated'])('%s is progressing', (w) =>
    expect(podHealth(w)).toBe('progressing'),
  );
});
