import { describe, expect, it } from 'vitest';

import { lastGoodRevision, podFailing, rolloutInTrouble } from '@/lib/k8s/rollout/abort';
import { deploymentHistory } from '@/lib/k8s/rollout/history';
import { deploymentObj, replicaSet } from '@/lib/k8s/rollout/test-fixtures';

describe('lastGoodRevision', () => {
  it('picks the newest older revision whose ReplicaSet is fully available now', () => {
    const d = deploymentObj('x:3');
    const h = deploymentHistory(d, [
      replicaSet(1, 'x:1', { replicas: 1, available: 1 }),
      replicaSet(2, 'x:2', { replicas: 3, available: 3 }),
      replicaSet(3, 'x:3', { replicas: 1, available: 0 }),
    ]);
    expect(lastGoodRevision(h)).toMatchObject({ ok: true, revision: 2, basis: 'serving' });
  });

  it('skips a partly available older ReplicaSet', () => {
    const h = deploymentHistory(deploymentObj('x:3'), [
      replicaSet(1, 'x:1', { replicas: 2, available: 2 }),
      replicaSet(2, 'x:2', { replicas: 3, available: 1 }),
      replicaSet(3, 'x:3', { replicas: 1 }),
    ]);
    expect(lastGoodRevision(h)).toMatchObject({ ok: true, revision: 1, basis: 'serving' });
  });

  it('falls back to the previous revision when nothing older serves, and says so', () => {
    const h = deploymentHistory(deploymentObj('x:3'), [replicaSet(2, 'x:2'), replicaSet(3, 'x:3', { replicas: 3 })]);
    expect(lastGoodRevision(h)).toMatchObject({ ok: true, revision: 2, basis: 'previous' });
    expect(lastGoodRevision(h.slice(0, 1))).toMatchObject({ ok: false });
  });
});

describe('rolloutInTrouble', () => {
  const crashing = {
    status: {
      containerStatuses: [{ ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
    },
  };
  const starting = {
    status: {
      containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
    },
  };

  it('is true past the progress deadline', () => {
    const d = deploymentObj('x:3');
    d.status = {
      ...d.status,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    };
    expect(rolloutInTrouble(d, [])).toBe(true);
  });

  it('is true while rolling with failing new pods, false while they merely start', () => {
    const d = deploymentObj('x:3');
    d.status = { observedGeneration: 3, replicas: 4, updatedReplicas: 1, availableReplicas: 3 };
    expect(rolloutInTrouble(d, [crashing])).toBe(true);
    expect(rolloutInTrouble(d, [starting])).toBe(false);
    expect(
      podFailing({
        status: {
          containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }],
        },
      }),
    ).toBe(true);
  });

  it('is false for a complete rollout, even with a restarted pod', () => {
    expect(rolloutInTrouble(deploymentObj('x:3'), [crashing])).toBe(false);
  });
});
