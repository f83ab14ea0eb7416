import { describe, expect, it } from 'vitest';

import { disruptionPreview, unavailableAtOnce } from './disruption';

const pod = (name: string, ready = true) => ({ name, namespace: 'shop', labels: { app: 'checkout' }, ready });
const checkout = {
  kind: 'Deployment',
  name: 'checkout',
  desired: 3,
  strategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 },
};
const pods = [pod('a'), pod('b'), pod('c')];
const pdb = { namespace: 'shop', name: 'checkout-pdb', selector: 'app=checkout', allowed: 1 };
const service = { name: 'checkout', selector: { app: 'checkout' }, readyEndpoints: 3 };

describe('disruptionPreview', () => {
  it('a scale-down past the budget says so, in one sentence', () => {
    const p = disruptionPreview({
      action: { kind: 'scale', from: 3, to: 1 },
      workload: checkout,
      pods,
      pdbs: [pdb],
      services: [service],
    });
    expect(p).toMatchObject({ unreadyAtOnce: 2, readyNow: 3, readyDuring: 1, servicesLeftEmpty: [], warn: true });
    expect(p.pdbs).toEqual([{ name: 'checkout-pdb', allowed: 1, takes: 2, exceeds: true }]);
    expect(p.sentence).toBe(
      'Scaling Deployment checkout from 3 to 1 takes 2 ready pods out of service at once (3 ready now); ' +
        'PodDisruptionBudget checkout-pdb allows 1 disruption now, so this goes past it (budgets only stop evictions, not this).',
    );
  });

  it('a scale-down removes not-ready pods first', () => {
    const p = disruptionPreview({
      action: { kind: 'scale', from: 3, to: 2 },
      workload: checkout,
      pods: [pod('a'), pod('b'), pod('c', false)],
      pdbs: [pdb],
      services: [],
    });
    expect(p.unreadyAtOnce).toBe(0);
    expect(p.warn).toBe(false);
  });

  it('scaling to zero empties the Service', () => {
    const p = disruptionPreview({
      action: { kind: 'scale', from: 3, to: 0 },
      workload: checkout,
      pods,
      pdbs: [],
      services: [service, { name: 'other', selector: { app: 'other' }, readyEndpoints: 2 }],
    });
    expect(p.servicesLeftEmpty).toEqual(['checkout']);
    expect(p.sentence).toContain('Service checkout would have no ready endpoint');
  });

  it('a rollout takes down what the strategy allows at once', () => {
    expect(unavailableAtOnce(checkout)).toBe(0); // maxUnavailable 0: a new pod surges in before an old one goes
    const p = disruptionPreview({
      action: { kind: 'rollout' },
      workload: checkout,
      pods,
      pdbs: [pdb],
      services: [service],
    });
    expect(p.warn).toBe(false);
    expect(unavailableAtOnce({ ...checkout, strategy: { type: 'RollingUpdate', maxUnavailable: '50%' } })).toBe(1);
    expect(
      unavailableAtOnce({ ...checkout, desired: 4, strategy: { type: 'RollingUpdate', maxUnavailable: '50%' } }),
    ).toBe(2);
    expect(unavailableAtOnce({ ...checkout, strategy: { type: 'Recreate' } })).toBe(3);
    expect(unavailableAtOnce({ kind: 'StatefulSet', name: 'pg', desired: 3 })).toBe(1);
    expect(
      unavailableAtOnce({
        kind: 'DaemonSet',
        name: 'ds',
        desired: 5,
        strategy: { type: 'RollingUpdate', maxUnavailable: 2 },
      }),
    ).toBe(2);
  });
});
