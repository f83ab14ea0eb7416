import { describe, expect, it } from 'vitest';

import { podDisruptionBudgetsKind } from '@/lib/k8s/kinds/poddisruptionbudgets';
import type { KubeObject } from '@/lib/k8s/object';
import { pdbsCoveringPod, pdbsCoveringPods, workloadsOfPods } from '@/lib/k8s/pdb';

const pdb = (namespace: string, name: string, selector: string | null) => ({ namespace, name, selector });

describe('pdbsCoveringPod', () => {
  const pdbs = [
    pdb('shop', 'checkout', 'app=checkout'),
    pdb('shop', 'tier', 'tier in (backend,web)'),
    pdb('other', 'checkout-elsewhere', 'app=checkout'),
    pdb('shop', 'none', null),
    pdb('shop', 'bad', 'app in ('),
  ];

  it('keeps the budgets of the pod’s own namespace whose selector matches', () => {
    const covering = pdbsCoveringPod({ namespace: 'shop', labels: { app: 'checkout', tier: 'backend' } }, pdbs);
    expect(covering.map((p) => p.name)).toEqual(['checkout', 'tier']);
  });

  it('a null selector covers nothing, an empty one every pod of the namespace', () => {
    expect(pdbsCoveringPod({ namespace: 'shop', labels: {} }, pdbs)).toEqual([]);
    expect(pdbsCoveringPod({ namespace: 'shop', labels: {} }, [pdb('shop', 'all', '')]).map((p) => p.name)).toEqual([
      'all',
    ]);
    expect(pdbsCoveringPod({ namespace: 'x', labels: {} }, [pdb('shop', 'all', '')])).toEqual([]);
  });

  it('pdbsCoveringPods answers per pod, as pdbsCoveringPod does', () => {
    const pods = [
      { namespace: 'shop', labels: { app: 'checkout' } },
      { namespace: 'other', labels: { app: 'checkout' } },
      { namespace: 'shop', labels: { app: 'web' } },
    ];
    expect(pdbsCoveringPods(pods, pdbs).map((list) => list.map((p) => p.name))).toEqual([
      ['checkout'],
      ['checkout-elsewhere'],
      [],
    ]);
  });
});

describe('workloadsOfPods', () => {
  it('resolves ReplicaSets to their Deployment, counts pods, keeps bare pods', () => {
    const pods = [
      { namespace: 'shop', name: 'a', owner: { kind: 'ReplicaSet', name: 'checkout-1' } },
      { namespace: 'shop', name: 'b', owner: { kind: 'ReplicaSet', name: 'checkout-2' } },
      { namespace: 'shop', name: 'db-0', owner: { kind: 'StatefulSet', name: 'db' } },
      { namespace: 'shop', name: 'debug' },
      { namespace: 'shop', name: 'c', owner: { kind: 'ReplicaSet', name: 'orphan-rs' } },
    ];
    const rs = [
      { namespace: 'shop', name: 'checkout-1', owner: { kind: 'Deployment', name: 'checkout' } },
      { namespace: 'shop', name: 'checkout-2', owner: { kind: 'Deployment', name: 'checkout' } },
      { namespace: 'shop', name: 'orphan-rs' },
    ];
    expect(workloadsOfPods(pods, rs)).toEqual([
      { kind: 'deployments', kindName: 'Deployment', namespace: 'shop', name: 'checkout', pods: 2 },
      { kind: 'pods', kindName: 'Pod', namespace: 'shop', name: 'debug', pods: 1 },
      { kind: 'replicasets', kindName: 'ReplicaSet', namespace: 'shop', name: 'orphan-rs', pods: 1 },
      { kind: 'statefulsets', kindName: 'StatefulSet', namespace: 'shop', name: 'db', pods: 1 },
    ]);
  });
});

// printPodDisruptionBudget (pkg/printers/internalversion/printers.go, v1.31): N/A for an unset bound.
describe('PodDisruptionBudget summary and columns', () => {
  const obj = (apiVersion: string, spec: unknown, status: unknown = {}) =>
    ({
      apiVersion,
      metadata: { uid: 'u', name: 'p', namespace: 'shop', resourceVersion: '1' },
      spec,
      status,
    }) as unknown as KubeObject;
  const col = (id: string, o: KubeObject) =>
    podDisruptionBudgetsKind.columns?.find((c) => c.id === id)?.value(podDisruptionBudgetsKind.toSummary(o));

  it('prints MIN AVAILABLE, MAX UNAVAILABLE (N/A when unset) and ALLOWED DISRUPTIONS', () => {
    const o = obj(
      'policy/v1',
      { minAvailable: '50%', selector: { matchLabels: { app: 'x' } } },
      { disruptionsAllowed: 1 },
    );
    expect([col('min-available', o), col('max-unavailable', o), col('allowed', o)]).toEqual(['50%', 'N/A', '1']);
    const o2 = obj('policy/v1', { maxUnavailable: 0, selector: {} });
    expect([col('min-available', o2), col('max-unavailable', o2), col('allowed', o2)]).toEqual(['N/A', '0', '0']);
  });

  it('an empty selector covers every pod on policy/v1 and none on policy/v1beta1', () => {
    expect(podDisruptionBudgetsKind.toSummary(obj('policy/v1', { selector: {} })).selector).toBe('');
    expect(podDisruptionBudgetsKind.toSummary(obj('policy/v1beta1', { selector: {} })).selector).toBeNull();
    expect(podDisruptionBudgetsKind.toSummary(obj('policy/v1', {})).selector).toBeNull();
  });

  it('says in words whether a drain may evict now', () => {
    const facts = (status: unknown) => {
      const o = obj('policy/v1', { minAvailable: 2, selector: { matchLabels: { app: 'x' } } }, status);
      return podDisruptionBudgetsKind.detail?.facts?.(o, podDisruptionBudgetsKind.toSummary(o), { cluster: 'c' }) ?? [];
    };
    const now = (status: unknown) => facts(status).find((f) => f.label === 'Now')?.value;
    expect(now({ disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2 })).toBe('1 pod may be evicted now');
    expect(now({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 })).toContain('No evictions now');
    expect(now({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 })).toContain('the budget is not met');
    expect(facts({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 })[0]?.tone).toBe('red');
  });
});
