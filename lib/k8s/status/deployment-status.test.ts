import { describe, expect, it } from 'vitest';

import type { DeploymentLike } from './deployment-status';
import { deploymentRolloutStatus } from './deployment-status';

type Status = NonNullable<DeploymentLike['status']>;

/** A Deployment named "web" whose last rollout finished with `replicas` ready pods. */
function deployment(
  replicas: number,
  overrides: { generation?: number; paused?: boolean; status?: Partial<Status> } = {},
): DeploymentLike {
  return {
    metadata: { name: 'web', generation: overrides.generation ?? 2 },
    spec: { replicas, paused: overrides.paused },
    status: {
      observedGeneration: 2,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
      ...overrides.status,
    },
  };
}

const progressing = (reason: string, status = 'True') => [{ type: 'Progressing', status, reason }];

describe('deploymentRolloutStatus', () => {
  it('is Complete when every replica is updated and available', () => {
    expect(deploymentRolloutStatus(deployment(3))).toEqual({
      word: 'Complete',
      done: true,
      message: 'deployment "web" successfully rolled out',
    });
  });

  it('waits for the controller to observe a new generation first', () => {
    const result = deploymentRolloutStatus(deployment(3, { generation: 3 }));
    expect(result.word).toBe('Progressing');
    expect(result.message).toBe('Waiting for deployment spec update to be observed...');
  });

  it('does not trust counts from an older generation, even a timed-out one', () => {
    const d = deployment(3, {
      generation: 3,
      status: { conditions: progressing('ProgressDeadlineExceeded', 'False') },
    });
    expect(deploymentRolloutStatus(d).word).toBe('Progressing');
  });

  it('is Stuck once the progress deadline is exceeded', () => {
    const d = deployment(3, {
      status: {
        updatedReplicas: 1,
        availableReplicas: 2,
        conditions: progressing('ProgressDeadlineExceeded', 'False'),
      },
    });
    expect(deploymentRolloutStatus(d)).toMatchObject({ word: 'Stuck', done: false });
    expect(deploymentRolloutStatus(d).message).toContain('exceeded its progress deadline');
  });

  it('counts new replicas that are not yet updated', () => {
    const d = deployment(4, {
      status: { replicas: 5, updatedReplicas: 2, conditions: progressing('ReplicaSetUpdated') },
    });
    expect(deploymentRolloutStatus(d)).toMatchObject({
      word: 'Progressing',
      message: 'Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...',
    });
  });

  it('waits for old replicas to terminate', () => {
    const d = deployment(3, { status: { replicas: 4, conditions: progressing('ReplicaSetUpdated') } });
    expect(deploymentRolloutStatus(d).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    );
  });

  it('waits for updated replicas to become available during a rollout', () => {
    const d = deployment(3, { status: { availableReplicas: 1, conditions: progressing('ReplicaSetUpdated') } });
    expect(deploymentRolloutStatus(d)).toMatchObject({
      word: 'Progressing',
      done: false,
      message: 'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...',
    });
  });

  // mirrors kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go DeploymentStatusViewer.Status, v1.31:
  // after a scale-up the controller leaves Progressing at NewReplicaSetAvailable (the scale path does
  // not touch progress conditions), so the reason cannot tell a scale-up from an outage; kubectl waits.
  it('treats a routine scale-up (3 → 4, new pod not ready yet) as waiting, not degraded', () => {
    const d = deployment(4, { status: { availableReplicas: 3, readyReplicas: 3 } });
    expect(deploymentRolloutStatus(d)).toEqual({
      word: 'Progressing',
      done: false,
      message: 'Waiting for deployment "web" rollout to finish: 3 of 4 updated replicas are available...',
    });
  });

  it('is rolled out when paused after the rollout finished, as kubectl rollout status says', () => {
    const d = deployment(3, {
      paused: true,
      status: { conditions: progressing('DeploymentPaused', 'Unknown') },
    });
    expect(deploymentRolloutStatus(d)).toEqual({
      word: 'Complete',
      done: true,
      message: 'deployment "web" successfully rolled out (paused)',
    });
  });

  it('is Paused when paused part-way through a rollout', () => {
    const d = deployment(3, {
      paused: true,
      status: { updatedReplicas: 1, conditions: progressing('DeploymentPaused', 'Unknown') },
    });
    expect(deploymentRolloutStatus(d)).toMatchObject({ word: 'Paused', done: false });
  });

  it('is ScaledDown at zero replicas, and Progressing while pods still terminate', () => {
    expect(deploymentRolloutStatus(deployment(0)).word).toBe('ScaledDown');
    const draining = deployment(0, { status: { replicas: 2, updatedReplicas: 2, availableReplicas: 2 } });
    expect(deploymentRolloutStatus(draining).word).toBe('Progressing');
  });

  it('treats a Deployment without status as not yet observed', () => {
    expect(deploymentRolloutStatus({ metadata: { name: 'new', generation: 1 } }).word).toBe('Progressing');
  });
});
