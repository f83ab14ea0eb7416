import { describe, expect, it } from 'vitest';

import {
  bareRefusal,
  drainPdbOf,
  drainPodOf,
  drainPreview,
  drainSentence,
  type DrainPdbInput,
  type DrainPodInput,
} from '@/lib/k8s/drain';

function pod(name: string, over: Partial<DrainPodInput> = {}): DrainPodInput {
  return {
    namespace: 'shop',
    name,
    phase: 'Running',
    labels: { app: name.split('-')[0] ?? name },
    annotations: {},
    controller: { kind: 'ReplicaSet', name: `${name.split('-')[0]}-rs` },
    emptyDirs: [],
    deleting: false,
    ...over,
  };
}

const pdb = (name: string, selector: string, allowed: number, namespace = 'shop'): DrainPdbInput => ({
  namespace,
  name,
  selector,
  disruptionsAllowed: allowed,
});

describe('drainPreview', () => {
  it('leaves DaemonSet and mirror pods in place, as kubectl drain does', () => {
    const p = drainPreview(
      [
        pod('agent-x', { controller: { kind: 'DaemonSet', name: 'agent' } }),
        pod('etcd-node1', { controller: undefined, annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
        pod('web-1'),
      ],
      [],
    );
    expect(p.left).toEqual([
      { namespace: 'shop', name: 'agent-x', reason: 'daemonset' },
      { namespace: 'shop', name: 'etcd-node1', reason: 'mirror' },
    ]);
    expect(p.evict.map((e) => e.name)).toEqual(['web-1']);
    // A mirror pod has no controller but is not a bare pod: it is never evicted.
    expect(p.bare).toEqual([]);
    expect(drainSentence('n', p, false)).toBe(
      'Draining n cordons it and evicts 1 pod; every PodDisruptionBudget allows it now; 2 DaemonSet or mirror pods stay.',
    );
  });

  it('lets the first eviction of a budget with one disruption go, and makes the second wait', () => {
    const p = drainPreview([pod('web-2'), pod('web-1'), pod('api-1')], [pdb('web', 'app=web', 1)]);
    // Order: what the budgets allow now (sorted by name), then what waits.
    expect(p.evict.map((e) => [e.order, e.name, e.blockedBy ?? null])).toEqual([
      [1, 'api-1', null],
      [2, 'web-1', null],
      [3, 'web-2', 'web'],
    ]);
    expect(p.blocked.map((e) => e.name)).toEqual(['web-2']);
    expect(p.evict.find((e) => e.name === 'web-1')?.pdbs).toEqual(['web']);
    expect(drainSentence('wh-node-1', p, false)).toBe(
      'Draining wh-node-1 cordons it and evicts 3 pods; 1 eviction is blocked by a PodDisruptionBudget now and will wait until a replacement is Ready elsewhere.',
    );
  });

  it('counts budgets per namespace and ignores a v1beta1 empty selector', () => {
    const p = drainPreview(
      [pod('web-1'), pod('web-2', { namespace: 'other' })],
      [pdb('web', 'app=web', 0, 'other'), { ...pdb('all', '', 0), selector: null }],
    );
    expect(p.evict.map((e) => [e.name, e.blockedBy ?? null])).toEqual([
      ['web-1', null],
      ['web-2', 'web'],
    ]);
  });

  it('flags pods covered by two budgets: the eviction API refuses them', () => {
    const p = drainPreview([pod('web-1')], [pdb('a', 'app=web', 5), pdb('b', 'app', 5)]);
    expect(p.refused.map((e) => e.name)).toEqual(['web-1']);
    expect(p.evict[0]?.pdbs).toEqual(['a', 'b']);
    expect(drainSentence('n', p, false)).toContain('1 pod covered by several budgets cannot be evicted');
  });

  it('flags local storage and bare pods; finished pods are always removable and cost no budget', () => {
    const p = drainPreview(
      [
        pod('cache-1', { emptyDirs: ['scratch'] }),
        pod('debug', { controller: undefined }),
        pod('web-1', { phase: 'Succeeded', controller: undefined, emptyDirs: ['tmp'] }),
        pod('web-2'),
      ],
      [pdb('web', 'app=web', 1)],
    );
    expect(p.localStorage.map((e) => [e.name, e.localStorage])).toEqual([['cache-1', ['scratch']]]);
    expect(p.bare.map((e) => e.name)).toEqual(['debug']);
    expect(p.blocked).toEqual([]);
    expect(bareRefusal(p)).toBe(
      'cannot delete Pods declare no controller (use --force to override): shop/debug. Nothing would recreate them; kubectl drain refuses without --force.',
    );
    expect(drainSentence('wh-node-2', p, false)).toBe(
      'Draining wh-node-2 is refused: 1 pod declares no controller, so nothing would recreate it (kubectl drain refuses without --force).',
    );
    expect(drainSentence('wh-node-2', p, true)).toBe(
      'Draining wh-node-2 cordons it and evicts 4 pods; every PodDisruptionBudget allows it now; 1 pod loses emptyDir data.',
    );
  });

  it('says when nothing needs evicting', () => {
    const p = drainPreview([pod('agent-x', { controller: { kind: 'DaemonSet', name: 'agent' } })], []);
    expect(drainSentence('n', p, false)).toBe(
      'Draining n cordons it; no pod needs to be evicted (1 pod left in place).',
    );
    expect(bareRefusal(p)).toBeNull();
  });
});

describe('drainPodOf / drainPdbOf', () => {
  it('reads the controller, emptyDir volumes and deletion from a pod', () => {
    expect(
      drainPodOf({
        metadata: {
          namespace: 'a',
          name: 'p',
          deletionTimestamp: '2026-01-01T00:00:00Z',
          ownerReferences: [
            { kind: 'Node', name: 'x' },
            { kind: 'ReplicaSet', name: 'rs', controller: true },
          ],
        },
        spec: { volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'cfg' }] },
        status: { phase: 'Running' },
      }),
    ).toMatchObject({ controller: { kind: 'ReplicaSet', name: 'rs' }, emptyDirs: ['tmp'], deleting: true });
  });

  it('reads a budget: v1beta1 empty selector covers nothing, v1 covers the namespace', () => {
    const base = { metadata: { namespace: 'a', name: 'b' }, spec: { selector: {} }, status: { disruptionsAllowed: 2 } };
    expect(drainPdbOf({ ...base, apiVersion: 'policy/v1beta1' }).selector).toBeNull();
    expect(drainPdbOf({ ...base, apiVersion: 'policy/v1' })).toEqual({
      namespace: 'a',
      name: 'b',
      selector: '',
      disruptionsAllowed: 2,
    });
  });
});
