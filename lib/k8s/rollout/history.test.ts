import { describe, expect, it } from 'vitest';

import {
  applyLiveTimes,
  controllerRevisionHistory,
  deploymentHistory,
  oldestCreated,
  toRevisionEntry,
} from '@/lib/k8s/rollout/history';
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

  // A rollback (kubectl rollout undo) re-uses the old ReplicaSet under a new number: the controller
  // (deploymentutil.SetNewReplicaSetAnnotations, v1.31) sets deployment.kubernetes.io/revision to
  // max+1 and lists the earlier numbers in revision-history; creationTimestamp stays the old one.
  it('times each revision from its own start to the next one’s', () => {
    const h = deploymentHistory(deploymentObj('x:2'), [
      replicaSet(1, 'x:1', { created: '2026-01-01T00:00:00Z' }),
      replicaSet(2, 'x:2', { created: '2026-01-03T00:00:00Z' }),
    ]);
    expect(h.map((r) => [r.revision, r.liveFrom, r.liveUntil])).toEqual([
      [2, '2026-01-03T00:00:00Z', undefined],
      [1, '2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z'],
    ]);
  });

  it('after a rollback does not take the re-used ReplicaSet’s creation as the new revision’s start', () => {
    const rollback = () =>
      deploymentHistory(deploymentObj('x:1'), [
        // revision 1, re-used as revision 3 on Jan 5 (its pods were created then)
        replicaSet(3, 'x:1', {
          created: '2026-01-01T00:00:00Z',
          annotations: { 'deployment.kubernetes.io/revision-history': '1' },
        }),
        replicaSet(2, 'x:2', { created: '2026-01-03T00:00:00Z' }),
      ]);
    const h = rollback();
    expect(h[0]).toMatchObject({ revision: 3, reusedFrom: [1], createdAt: '2026-01-01T00:00:00Z' });
    // No object records when revision 3 began: no claim, and none about when revision 2 ended.
    expect(h[0]?.liveFrom).toBeUndefined();
    expect(h[1]).toMatchObject({ revision: 2, liveFrom: '2026-01-03T00:00:00Z' });
    expect(h[1]?.liveUntil).toBeUndefined();
    // With the current revision's oldest pod: revision 3 from then, revision 2 until then.
    const withPods = applyLiveTimes(
      rollback(),
      oldestCreated([
        { metadata: { creationTimestamp: '2026-01-05T00:01:00Z' } },
        { metadata: { creationTimestamp: '2026-01-05T00:00:10Z' } },
      ]),
    );
    expect(withPods.map((r) => [r.revision, r.liveFrom, r.liveFromApprox ?? false, r.liveUntil])).toEqual([
      [3, '2026-01-05T00:00:10Z', true, undefined],
      [2, '2026-01-03T00:00:00Z', false, '2026-01-05T00:00:10Z'],
    ]);
  });

  it('ignores pods older than the previous revision’s start (kept from before, e.g. an abort mid-rollout)', () => {
    const h = applyLiveTimes(
      deploymentHistory(deploymentObj('x:1'), [
        replicaSet(3, 'x:1', {
          created: '2026-01-01T00:00:00Z',
          annotations: { 'deployment.kubernetes.io/revision-history': '1' },
        }),
        replicaSet(2, 'x:2', { created: '2026-01-03T00:00:00Z' }),
      ]),
      '2026-01-02T00:00:00Z',
    );
    expect(h[0]?.liveFrom).toBeUndefined();
    expect(h[1]?.liveUntil).toBeUndefined();
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

  // The StatefulSet/DaemonSet controllers re-use an equal ControllerRevision on rollback by raising
  // its .revision (history.FindEqualRevisions, v1.31): its creation time predates a lower revision's.
  it('does not time a re-used ControllerRevision from its creation', () => {
    const sts = {
      metadata: { name: 'db', uid: 's-uid', resourceVersion: '7' },
      spec: { template: { spec: { containers: [{ name: 'db', image: 'pg:13.10' }] } } },
    };
    const cr = (revision: number, image: string, created: string) => ({
      metadata: {
        name: `db-${image}`,
        uid: `cr-${image}`,
        resourceVersion: '1',
        creationTimestamp: created,
        ownerReferences: [{ uid: 's-uid', controller: true }],
      },
      revision,
      data: { spec: { template: { spec: { containers: [{ name: 'db', image }] } } } },
    });
    const h = controllerRevisionHistory(sts, [
      cr(3, 'pg:13.10', '2026-01-01T00:00:00Z'),
      cr(2, 'pg:13.11', '2026-01-02T00:00:00Z'),
    ]);
    expect(h.map((r) => [r.revision, r.liveFrom, r.liveUntil])).toEqual([
      [3, undefined, undefined],
      [2, '2026-01-02T00:00:00Z', undefined],
    ]);
  });
});
