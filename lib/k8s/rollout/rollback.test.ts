import { describe, expect, it } from 'vitest';

import { deploymentHistory } from '@/lib/k8s/rollout/history';
import {
  ANNOTATIONS_TO_SKIP,
  planDeploymentRollback,
  planTemplateRollback,
  rollbackAnnotations,
  rollbackRolledOut,
} from '@/lib/k8s/rollout/rollback';
import { deploymentObj, replicaSet } from '@/lib/k8s/rollout/test-fixtures';

// kubectl rollout undo --to-revision, DeploymentRollbacker / StatefulSetRollbacker:
// https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/rollback.go
const rss = () => [
  replicaSet(1, 'x:1', { annotations: { 'kubernetes.io/change-cause': 'one', team: 'old' } }),
  replicaSet(2, 'x:2'),
  replicaSet(3, 'x:3'),
];

describe('annotationsToSkip', () => {
  it('is kubectl’s list', () => {
    expect([...ANNOTATIONS_TO_SKIP].sort()).toEqual([
      'deployment.kubernetes.io/desired-replicas',
      'deployment.kubernetes.io/max-replicas',
      'deployment.kubernetes.io/revision',
      'deployment.kubernetes.io/revision-history',
      'deprecated.deployment.rollback.to',
      'kubectl.kubernetes.io/last-applied-configuration',
    ]);
  });

  it('keeps the Deployment’s own annotations, takes the revision’s others, keeps other tools’', () => {
    const out = rollbackAnnotations(
      {
        'deployment.kubernetes.io/revision': '3',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
        'kubernetes.io/change-cause': 'three',
        'example.com/added-later': 'yes',
        team: 'new',
      },
      { 'deployment.kubernetes.io/revision': '1', 'kubernetes.io/change-cause': 'one', team: 'old' },
    );
    expect(out).toEqual({
      'deployment.kubernetes.io/revision': '3',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'kubernetes.io/change-cause': 'one',
      'example.com/added-later': 'yes',
      team: 'old',
    });
  });

  it('drops a change-cause the target revision does not have', () => {
    expect(rollbackAnnotations({ 'kubernetes.io/change-cause': 'three' }, {})).toEqual({});
  });
});

describe('planDeploymentRollback', () => {
  it('replaces the template (minus pod-template-hash) with resourceVersion as precondition', () => {
    const d = deploymentObj('x:3', { annotations: { 'deployment.kubernetes.io/revision': '3' } });
    const h = deploymentHistory(d, rss());
    const plan = planDeploymentRollback(d, h, 1, rss()[0]!.metadata.annotations);
    expect(plan.ok).toBe(true);
    if (!plan.ok || plan.kind !== 'json-patch') throw new Error('expected a JSON patch');
    expect(plan.from).toBe(3);
    expect(plan.to).toBe(1);
    expect(plan.patch[0]).toEqual({ op: 'replace', path: '/metadata/resourceVersion', value: '42' });
    const tpl = plan.patch[1]!.value as { metadata: { labels: Record<string, string> } };
    expect(tpl.metadata.labels).toEqual({ app: 'shop' });
    expect(plan.patch[2]).toMatchObject({ op: 'replace', path: '/metadata/annotations' });
  });

  it('adds annotations when the Deployment has none', () => {
    const d = deploymentObj('x:3');
    const plan = planDeploymentRollback(d, deploymentHistory(d, rss()), 2, {});
    expect(plan.ok && plan.kind === 'json-patch' && plan.patch[2]?.op).toBe('add');
  });

  it('refuses a paused Deployment, a gone revision, no history and the current template', () => {
    const paused = deploymentObj('x:3', { paused: true });
    expect(planDeploymentRollback(paused, deploymentHistory(paused, rss()), 1, {})).toMatchObject({
      ok: false,
      code: 'paused',
    });
    const d = deploymentObj('x:3');
    const h = deploymentHistory(d, rss());
    expect(planDeploymentRollback(d, h, 7, {})).toMatchObject({ ok: false, code: 'revision-gone' });
    expect(planDeploymentRollback(d, [], 1, {})).toMatchObject({ ok: false, code: 'no-history' });
    expect(planDeploymentRollback(d, h, 3, {})).toMatchObject({
      ok: false,
      code: 'already-current',
      message: 'skipped rollback (current template already matches revision 3)',
    });
  });
});

describe('planTemplateRollback (StatefulSet, DaemonSet)', () => {
  const sts = (image: string) => ({
    metadata: { name: 'db', uid: 's', resourceVersion: '9' },
    spec: { template: { spec: { containers: [{ name: 'db', image }] } } },
  });
  const history = [
    { revision: 2, source: 'db-2', images: [], current: true, template: sts('pg:2').spec.template },
    { revision: 1, source: 'db-1', images: [], current: false, template: sts('pg:1').spec.template },
  ];

  it('is a strategic merge patch replacing spec.template, conditional on resourceVersion', () => {
    expect(planTemplateRollback(sts('pg:2'), history, 1)).toEqual({
      ok: true,
      kind: 'strategic-merge',
      from: 2,
      to: 1,
      next: 3,
      patch: {
        metadata: { resourceVersion: '9' },
        spec: { template: { spec: { containers: [{ name: 'db', image: 'pg:1' }] }, $patch: 'replace' } },
      },
    });
  });

  it('detects the current template and a gone revision', () => {
    expect(planTemplateRollback(sts('pg:2'), history, 2)).toMatchObject({ ok: false, code: 'already-current' });
    expect(planTemplateRollback(sts('pg:2'), history, 5)).toMatchObject({ ok: false, code: 'revision-gone' });
  });
});

describe('the rollback banner', () => {
  it('names the revision the restored template becomes: the highest number plus one', () => {
    const d = deploymentObj('x:3');
    expect(planDeploymentRollback(d, deploymentHistory(d, rss()), 1, {})).toMatchObject({ ok: true, from: 3, next: 4 });
    // After an earlier rollback the numbers have gaps (1 became 4): still max+1.
    const gaps = [replicaSet(2, 'x:2'), replicaSet(4, 'x:1'), replicaSet(5, 'x:5')];
    const d5 = deploymentObj('x:5');
    expect(planDeploymentRollback(d5, deploymentHistory(d5, gaps), 2, {})).toMatchObject({ from: 5, to: 2, next: 6 });
  });

  it('goes once the workload is on that revision and its rollout is done', () => {
    expect(rollbackRolledOut(4, 3, true)).toBe(false); // the controller has not picked it up yet
    expect(rollbackRolledOut(4, 4, false)).toBe(false); // still rolling out (or stuck)
    expect(rollbackRolledOut(4, 4, true)).toBe(true);
    expect(rollbackRolledOut(4, 5, true)).toBe(true);
    expect(rollbackRolledOut(4, undefined, true)).toBe(false);
  });
});
