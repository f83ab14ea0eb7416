import { describe, expect, it } from 'vitest';

import { controllerRevisionHistory, deploymentHistory, toRevisionEntry } from '@/lib/k8s/rollout/history';
import { deploymentObj, replicaSet } from '@/lib/k8s/rollout/test-fixtures';

// kubectl rollout history reads ReplicaSets (Deployments) and ControllerRevisions (StatefulSets,
// DaemonSets): https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/history.go
describe('deploymentHistory', () => {
  it('orders owned ReplicaSets by revision, newest first, and marks the current one', () => {
    const d = deploymentObj('x:3');
    const foreign = replicaSet(9, 'other:1');
    foreign.metadata.ownerReferences = [{ uid: 'someone-else', controller: true }];
    const unnumbered = replicaSet(5, 'x:5');
    unnumbered.metadata.annotations = {};
    const h = deploymentHistory(d, [
      replicaSet(1, 'x:1', { annotations: { 'kubernetes.io/change-cause': 'first' } }),
      replicaSet(3, 'x:3', { replicas: 3, available: 3 }),
      replicaSet(2, 'x:2'),
      foreign,
      unnumbered,
    ]);
    expect(h.map((r) => r.revision)).toEqual([3, 2, 1, 0]);
    expect(h.map((r) => r.current)).toEqual([true, false, false, false]);
    expect(h[2]?.changeCause).toBe('first');
    expect(h[0]?.images).toEqual(['x:3']);
    expect(h[0]?.availableReplicas).toBe(3);
  });

  // mirrors kubernetes/kubectl pkg/polymorphichelpers/history.go DeploymentHistoryViewer and
  // kubernetes/kubernetes pkg/controller/deployment/util Revision(), v1.31: a missing annotation is
  // revision 0 (listed), an unparsable one is an error (skipped).
  it('lists a ReplicaSet without a revision annotation as revision 0 and skips an unparsable one', () => {
    const bare = replicaSet(5, 'x:0');
    bare.metadata.annotations = {};
    const garbled = replicaSet(6, 'x:6');
    garbled.metadata.annotations = { 'deployment.kubernetes.io/revision': 'six' };
    const h = deploymentHistory(deploymentObj('x:1'), [replicaSet(1, 'x:1'), bare, garbled]);
    expect(h.map((r) => [r.revision, r.images[0]])).toEqual([
      [1, 'x:1'],
      [0, 'x:0'],
    ]);
  });

  it('approximates when a revision was replaced from the next one’s creation time', () => {
    const h = deploymentHistory(deploymentObj('x:2'), [
      replicaSet(1, 'x:1', { created: '2026-01-01T00:00:00Z' }),
      replicaSet(2, 'x:2', { created: '2026-01-03T00:00:00Z' }),
    ]);
    expect(h[1]?.replacedAt).toBe('2026-01-03T00:00:00Z');
    expect(h[0]?.replacedAt).toBeUndefined();
    // A ReplicaSet re-used by a rollback keeps its old creation time: no claim then.
    const reused = deploymentHistory(deploymentObj('x:1'), [
      replicaSet(3, 'x:1', { created: '2026-01-01T00:00:00Z' }),
      replicaSet(2, 'x:2', { created: '2026-01-03T00:00:00Z' }),
    ]);
    expect(reused[1]?.replacedAt).toBeUndefined();
  });

  it('drops the template from the DTO', () => {
    const [row] = deploymentHistory(deploymentObj('x:1'), [replicaSet(1, 'x:1')]);
    expect(row && 'template' in toRevisionEntry(row)).toBe(false);
  });
});

describe('controllerRevisionHistory', () => {
  it('reads ControllerRevisions and strips the $patch directive from the template', () => {
    const sts = {
      metadata: { name: 'db', uid: 's-uid', resourceVersion: '7' },
      spec: { template: { spec: { containers: [{ name: 'db', image: 'pg:13.11' }] } } },
    };
    const cr = (revision: number, image: string, owner = 's-uid') => ({
      metadata: {
        name: `db-${revision}`,
        uid: `cr-${revision}`,
        resourceVersion: '1',
        ownerReferences: [{ uid: owner, controller: true }],
      },
      revision,
      data: { spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'db', image }] } } } },
    });
    const h = controllerRevisionHistory(sts, [cr(1, 'pg:13.10'), cr(2, 'pg:13.11'), cr(3, 'x', 'other')]);
    expect(h.map((r) => [r.revision, r.images[0], r.current])).toEqual([
      [2, 'pg:13.11', true],
      [1, 'pg:13.10', false],
    ]);
    expect(h[0]?.template).toEqual({ spec: { containers: [{ name: 'db', image: 'pg:13.11' }] } });
  });
});
