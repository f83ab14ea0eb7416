import { describe, expect, it } from 'vitest';

import {
  BARE_LABEL,
  BENCH_LABEL,
  barePodBody,
  barePodPlan,
  benchDeployment,
  FAULT_LABEL,
  phaseKey,
  pollSeconds,
  settledPods,
} from './seed';

describe('barePodPlan', () => {
  it('spreads pods round-robin over namespaces and nodes with unique names', () => {
    const plan = barePodPlan(7, ['a', 'b', 'c'], ['n1', 'n2'], 0);
    expect(plan.map((p) => `${p.namespace}/${p.name}@${p.node}`)).toEqual([
      'a/bench-pod-00000@n1',
      'b/bench-pod-00000@n2',
      'c/bench-pod-00000@n1',
      'a/bench-pod-00001@n2',
      'b/bench-pod-00001@n1',
      'c/bench-pod-00001@n2',
      'a/bench-pod-00002@n1',
    ]);
    expect(new Set(plan.map((p) => `${p.namespace}/${p.name}`)).size).toBe(7);
    expect(plan.every((p) => !p.fault)).toBe(true);
  });

  it('makes the first `failing` pods fail, alternating crash loops and image pull failures', () => {
    const plan = barePodPlan(10, ['a', 'b'], ['n1'], 3);
    expect(plan.map((p) => p.fault)).toEqual(['crash-loop', 'image-pull', 'crash-loop', ...Array(7).fill(undefined)]);
  });

  it('needs namespaces and nodes', () => {
    expect(() => barePodPlan(1, [], ['n1'], 0)).toThrow(/namespaces and nodes/);
    expect(() => barePodPlan(1, ['a'], [], 0)).toThrow(/namespaces and nodes/);
  });
});

describe('barePodBody', () => {
  it('binds the pod to its node, with the labels cleanup and the selectors use, and no token volume', () => {
    const body = barePodBody({ namespace: 'a', name: 'bench-pod-00000', node: 'wh-node-2' }, '100-10');
    expect(body.spec.nodeName).toBe('wh-node-2');
    expect(body.spec.automountServiceAccountToken).toBe(false);
    expect(body.metadata.labels).toEqual({
      app: 'bench-bare',
      [BENCH_LABEL]: 'true',
      [BARE_LABEL]: '100-10',
      'sim.wheelhouse.dev/metrics': 'off',
    });
    expect(body.metadata.annotations).toEqual({ 'sim.wheelhouse.dev/ready-after': '1s' });
  });

  it('sets the node agent annotation of its fault and labels it', () => {
    const crash = barePodBody({ namespace: 'a', name: 'p', node: 'n', fault: 'crash-loop' }, 's');
    expect(crash.metadata.annotations['sim.wheelhouse.dev/crash-loop']).toBe('true');
    expect(crash.metadata.labels[FAULT_LABEL]).toBe('crash-loop');
    const pull = barePodBody({ namespace: 'a', name: 'p', node: 'n', fault: 'image-pull' }, 's');
    expect(pull.metadata.annotations['sim.wheelhouse.dev/image-pull']).toBe('fail');
    expect(pull.metadata.labels[FAULT_LABEL]).toBe('image-pull');
  });
});

describe('benchDeployment', () => {
  it('crash-loops its pods when asked (a stuck rollout for the Overview)', () => {
    expect(benchDeployment('d', 1).spec?.template.metadata?.annotations).toEqual({
      'sim.wheelhouse.dev/ready-after': '1s',
    });
    expect(benchDeployment('d', 1, true).spec?.template.metadata?.annotations?.['sim.wheelhouse.dev/crash-loop']).toBe(
      'true',
    );
  });
});

describe('phases', () => {
  it('counts image pull failures seeded on purpose as settled, other Pending pods not', () => {
    expect(phaseKey({ status: { phase: 'Pending' }, metadata: { labels: { [FAULT_LABEL]: 'image-pull' } } })).toBe(
      'PullFailing',
    );
    expect(phaseKey({ status: { phase: 'Pending' } })).toBe('Pending');
    expect(phaseKey({ status: { phase: 'Running' }, metadata: { deletionTimestamp: 'x' } })).toBe('Terminating');
    expect(phaseKey({})).toBe('Unknown');
    expect(settledPods({ Running: 5, PullFailing: 2, Pending: 3 })).toBe(7);
    expect(settledPods({})).toBe(0);
  });

  it('polls less often the more pods there are', () => {
    expect(pollSeconds(500)).toBe(3);
    expect(pollSeconds(10_000)).toBe(10);
    expect(pollSeconds(100_000)).toBe(20);
  });
});
