// The failing states the agent scripts from annotations, as kubelet v1.20 reports them, and the
// STATUS word kubectl prints for them (through Wheelhouse's port of printPod, so the two agree).
import { describe, expect, it } from 'vitest';

import { podStatus } from '@/lib/k8s/status/pod-status';

import { ANNOTATION, podBehaviour } from './behaviour';
import { containerLog } from './container-logs';
import { imageRef } from './image-pull';
import { isoSeconds, simulatePod, type SimOutput } from './pod-status';
import { SYNC_JITTER_MS, containerAt, runOf } from './timeline';
import type { RawPod } from './types';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const POD = { namespace: 'failure-lab', name: 'p', uid: 'u-1' };

function raw(annotations: Record<string, string>, spec: Partial<RawPod['spec']> = {}): RawPod {
  return {
    metadata: { ...POD, annotations },
    spec: { containers: [{ name: 'app', image: 'registry.example.test/lab/app:1.0' }], ...spec },
  };
}

function at(pod: RawPod, ms: number): SimOutput {
  return simulatePod({
    pod: POD,
    behaviour: podBehaviour(pod),
    initContainers: (pod.spec.initContainers ?? []).map((c) => ({ name: c.name, image: c.image ?? '' })),
    startMs: T0,
    podIP: '10.244.0.9',
    hostIP: '127.0.0.1',
    scheduled: undefined,
    now: T0 + ms,
  });
}

/** kubectl's STATUS for the simulated pod (the spec is what the API server holds). */
function word(pod: RawPod, out: SimOutput): string {
  return podStatus({ metadata: {}, spec: pod.spec, status: out.status }).status;
}

const cond = (out: SimOutput, type: string) => out.status.conditions?.find((c) => c.type === type);

describe('image pull failure (image-pull: fail, or an image tag containing "pullfail")', () => {
  const pod = raw({ [ANNOTATION.imagePull]: 'fail' });

  it('alternates ErrImagePull (2 s) and ImagePullBackOff (10 s and a sync jitter), Pending, never started', () => {
    const attempt = at(pod, 1000);
    expect(attempt.status.phase).toBe('Pending');
    expect(attempt.status.containerStatuses?.[0]).toEqual({
      name: 'app',
      image: 'registry.example.test/lab/app:1.0',
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: {
        waiting: {
          reason: 'ErrImagePull',
          message:
            'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.test/lab/app:1.0": ' +
            'failed to resolve reference "registry.example.test/lab/app:1.0": registry.example.test/lab/app:1.0: not found',
        },
      },
      lastState: {},
    });
    expect(word(pod, attempt)).toBe('ErrImagePull');
    expect(attempt.nextAt).toBe(T0 + 2000);

    const backoff = at(pod, 2000);
    expect(backoff.status.containerStatuses?.[0]?.state).toEqual({
      waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.example.test/lab/app:1.0"' },
    });
    expect(word(pod, backoff)).toBe('ImagePullBackOff');
    // The next attempt: at the pod worker's first sync after the 10 s back-off (timeline.ts).
    const retry = backoff.nextAt ?? 0;
    expect(retry).toBeGreaterThanOrEqual(T0 + 12_000);
    expect(retry).toBeLessThan(T0 + 12_000 + SYNC_JITTER_MS);
    expect(word(pod, at(pod, retry - T0 - 1))).toBe('ImagePullBackOff');
    expect(word(pod, at(pod, retry - T0))).toBe('ErrImagePull');

    expect(cond(backoff, 'Initialized')?.status).toBe('True');
    expect(cond(backoff, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [app]',
    });
    expect(backoff.status.podIP).toBe('10.244.0.9');
  });

  it('fails only the tagged container; the other one runs', () => {
    const two = raw(
      {},
      {
        containers: [
          { name: 'app', image: 'registry.example.test/lab/app:2.0-pullfail' },
          { name: 'proxy', image: 'envoyproxy/envoy:v1.26' },
        ],
      },
    );
    const out = at(two, 5000);
    expect(out.status.phase).toBe('Pending');
    expect(out.status.containerStatuses?.map((c) => Object.keys(c.state)[0])).toEqual(['waiting', 'running']);
    expect(word(two, out)).toBe('ImagePullBackOff');
  });

  it('has no logs to serve, as kubelet answers for a container that never started', () => {
    const plan = podBehaviour(pod).containers[0]!;
    expect(containerLog(POD, plan, T0, T0 + 5000, { previous: false, timestamps: false })).toEqual({
      ok: false,
      status: 400,
      message: 'container "app" in pod "p" is waiting to start: trying and failing to pull image',
    });
  });

  it('resolves references as containerd does', () => {
    expect(imageRef('nginx')).toBe('docker.io/library/nginx:latest');
    expect(imageRef('grafana/grafana:10.0.1')).toBe('docker.io/grafana/grafana:10.0.1');
    expect(imageRef('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });
});

describe('OOMKilled restarts (oom-after)', () => {
  const pod = raw({ [ANNOTATION.oomAfter]: '20s' });

  it('serves, is killed with 137 OOMKilled, shows it for 3 s, backs off, restarts', () => {
    const b = podBehaviour(pod).containers[0]!;
    expect(b).toMatchObject({ runForMs: 20_000, exitCode: 137, exitReason: 'OOMKilled', restarts: true });

    const serving = at(pod, 10_000);
    expect(serving.status.phase).toBe('Running');
    expect(cond(serving, 'Ready')?.status).toBe('True');

    const killed = at(pod, 21_000);
    expect(killed.status.phase).toBe('Running');
    expect(killed.status.containerStatuses?.[0]).toMatchObject({
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: '2024-05-01T10:00:20Z' } },
      lastState: {},
    });
    expect(word(pod, killed)).toBe('OOMKilled');
    expect(killed.nextAt).toBe(T0 + 23_000);

    const backoff = at(pod, 25_000);
    expect(backoff.status.containerStatuses?.[0]).toMatchObject({
      restartCount: 0,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
    });
    expect(word(pod, backoff)).toBe('CrashLoopBackOff');

    // Restarted at the pod worker's first sync after the 10 s back-off (30–35 s); killed again 20 s
    // later, now with the first kill as its last state.
    const restart = runOf(b, T0, 1).startedAt - T0;
    expect(restart).toBeGreaterThanOrEqual(30_000);
    expect(restart).toBeLessThan(30_000 + SYNC_JITTER_MS);
    expect(backoff.nextAt).toBe(T0 + restart);
    const again = at(pod, restart + 21_000);
    expect(again.status.containerStatuses?.[0]).toMatchObject({
      restartCount: 1,
      state: { terminated: { reason: 'OOMKilled', startedAt: isoSeconds(T0 + restart) } },
      lastState: { terminated: { reason: 'OOMKilled', finishedAt: '2024-05-01T10:00:20Z' } },
    });
    const rerun = at(pod, restart + 5000).status.containerStatuses?.[0];
    expect(rerun).toMatchObject({
      restartCount: 1,
      state: { running: {} },
      lastState: { terminated: { exitCode: 137 } },
    });
  });

  it('serves the killed run as the previous log while the container shows the kill', () => {
    const plan = podBehaviour(pod).containers[0]!;
    const answer = containerLog(POD, plan, T0, T0 + 51_000, { previous: true, timestamps: false });
    expect(answer).toMatchObject({ ok: true, run: { index: 0 } });
  });
});

describe('a failing init container (init-exit-code)', () => {
  const pod = raw(
    { [ANNOTATION.initExitCode]: '1' },
    {
      initContainers: [
        { name: 'migrate', image: 'registry.example.test/lab/migrate:1.0' },
        { name: 'warm-cache', image: 'busybox:1.36' },
      ],
    },
  );

  it('exits 1, shows Init:Error, backs off as Init:CrashLoopBackOff; the pod stays Pending', () => {
    const running = at(pod, 1000);
    expect(running.status.phase).toBe('Pending');
    expect(word(pod, running)).toBe('Init:0/2');

    const failed = at(pod, 3000);
    expect(failed.status.initContainerStatuses?.[0]).toMatchObject({
      name: 'migrate',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 1, reason: 'Error' } },
    });
    expect(word(pod, failed)).toBe('Init:Error');

    const backoff = at(pod, 8000);
    expect(backoff.status.initContainerStatuses?.[0]).toMatchObject({
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    });
    expect(word(pod, backoff)).toBe('Init:CrashLoopBackOff');
    const restart = (backoff.nextAt ?? 0) - T0;
    expect(restart).toBeGreaterThanOrEqual(12_000);
    expect(restart).toBeLessThan(12_000 + SYNC_JITTER_MS);
    expect(at(pod, restart + 500).status.initContainerStatuses?.[0]).toMatchObject({
      restartCount: 1,
      state: { running: {} },
    });

    for (const out of [running, failed, backoff]) {
      expect(out.status.initContainerStatuses?.[1]).toMatchObject({
        name: 'warm-cache',
        restartCount: 0,
        state: { waiting: { reason: 'PodInitializing' } },
      });
      expect(out.status.containerStatuses?.[0]).toMatchObject({
        name: 'app',
        ready: false,
        started: false,
        state: { waiting: { reason: 'PodInitializing' } },
      });
      expect(cond(out, 'Initialized')).toMatchObject({
        status: 'False',
        reason: 'ContainersNotInitialized',
        message: 'containers with incomplete status: [migrate warm-cache]',
      });
    }
  });

  it('never starts the app containers (no usage, no logs)', () => {
    const plan = podBehaviour(pod).containers[0]!;
    expect(containerAt(plan, T0, T0 + 60_000).moment).toEqual({ kind: 'waiting', reason: 'PodInitializing' });
  });

  it('fails the pod for good with restartPolicy Never', () => {
    const never = { ...pod, spec: { ...pod.spec, restartPolicy: 'Never' as const } };
    const out = at(never, 10_000);
    expect(out.terminal).toBe(true);
    expect(out.status.phase).toBe('Failed');
    expect(word(never, out)).toBe('Init:Error');
  });

  it('ignores an exit code of 0 and pods without init containers', () => {
    expect(podBehaviour(raw({ [ANNOTATION.initExitCode]: '1' })).initFailure).toBeUndefined();
    const zero = { ...pod, metadata: { ...pod.metadata, annotations: { [ANNOTATION.initExitCode]: '0' } } };
    expect(podBehaviour(zero).initFailure).toBeUndefined();
  });
});

describe('a failed pod (a Job that exceeds its backoff limit runs these)', () => {
  it('reports ContainersNotReady, not PodCompleted (that is for Succeeded pods)', () => {
    const pod = raw({ [ANNOTATION.exitAfter]: '3s', [ANNOTATION.exitCode]: '1' }, { restartPolicy: 'Never' });
    const out = at(pod, 4000);
    expect(out.status.phase).toBe('Failed');
    expect(word(pod, out)).toBe('Error');
    expect(cond(out, 'Ready')).toMatchObject({ reason: 'ContainersNotReady' });
  });
});
