import { describe, expect, it } from 'vitest';

import { daemonSetRolloutStatus, statefulSetRolloutStatus } from '@/lib/k8s/status/workload-status';

const sts = (status: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  metadata: { name: 'postgres', generation: 2 },
  spec: { replicas: 2, updateStrategy: { type: 'RollingUpdate' }, ...spec },
  status: { observedGeneration: 2, ...status },
});

describe('statefulSetRolloutStatus (kubectl StatefulSetStatusViewer)', () => {
  it('waits for the spec to be observed and for pods to be ready', () => {
    expect(statefulSetRolloutStatus(sts({ observedGeneration: 1 })).message).toBe(
      'Waiting for statefulset spec update to be observed...',
    );
    expect(statefulSetRolloutStatus(sts({ readyReplicas: 1 })).message).toBe('Waiting for 1 pods to be ready...');
  });

  it('compares current and update revisions', () => {
    const rolling = sts({ readyReplicas: 2, updatedReplicas: 1, currentRevision: 'a', updateRevision: 'b' });
    expect(statefulSetRolloutStatus(rolling)).toMatchObject({ word: 'Progressing', done: false });
    const complete = sts({ readyReplicas: 2, currentReplicas: 2, currentRevision: 'b', updateRevision: 'b' });
    expect(statefulSetRolloutStatus(complete)).toEqual({
      word: 'Complete',
      done: true,
      message: 'statefulset rolling update complete 2 pods at revision b...',
    });
  });

  it('respects a partition', () => {
    const spec = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } };
    expect(statefulSetRolloutStatus(sts({ readyReplicas: 2, updatedReplicas: 0 }, spec)).message).toBe(
      'Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...',
    );
    expect(statefulSetRolloutStatus(sts({ readyReplicas: 2, updatedReplicas: 1 }, spec)).done).toBe(true);
  });

  it('calls OnDelete Manual instead of refusing like kubectl', () => {
    expect(statefulSetRolloutStatus(sts({}, { updateStrategy: { type: 'OnDelete' } })).word).toBe('Manual');
  });
});

describe('daemonSetRolloutStatus (kubectl DaemonSetStatusViewer)', () => {
  const ds = (status: Record<string, unknown>) => ({ metadata: { name: 'log-shipper', generation: 1 }, status });
  it('counts updated, then available pods per node', () => {
    expect(
      daemonSetRolloutStatus(ds({ observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 2 }))
        .message,
    ).toBe('Waiting for daemon set "log-shipper" rollout to finish: 2 out of 3 new pods have been updated...');
    const s = { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 1 };
    expect(daemonSetRolloutStatus(ds(s)).message).toContain('1 of 3 updated pods are available');
    expect(daemonSetRolloutStatus(ds({ ...s, numberAvailable: 3 })).word).toBe('Complete');
  });

  it('waits for a new generation to be observed', () => {
    expect(daemonSetRolloutStatus(ds({ observedGeneration: 0 })).word).toBe('Progressing');
  });
});
