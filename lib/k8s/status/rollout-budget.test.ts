import { describe, expect, it } from 'vitest';

import { resolveFenceposts, rolloutBudget, scaledValue } from '@/lib/k8s/status/rollout-budget';

describe('resolveFenceposts (deployment util)', () => {
  it('rounds surge up and unavailable down, with 25 % defaults', () => {
    expect(resolveFenceposts(undefined, undefined, 3)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ maxSurge: 3, maxUnavailable: 2 });
  });

  it('never allows a zero budget on both sides', () => {
    expect(resolveFenceposts(0, 0, 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(resolveFenceposts('0%', '10%', 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  it('reads integers given as strings and ignores garbage', () => {
    expect(scaledValue('2', 10, true)).toBe(2);
    expect(scaledValue('x%', 10, true)).toBeUndefined();
  });
});

describe('rolloutBudget', () => {
  it('reports the surge and unavailability in use (payments: maxSurge 1, maxUnavailable 0)', () => {
    expect(rolloutBudget({ maxSurge: 1, maxUnavailable: 0 }, 3, { replicas: 4, availableReplicas: 3 })).toEqual({
      desired: 3,
      maxSurge: 1,
      maxUnavailable: 0,
      surgeInUse: 1,
      unavailableInUse: 0,
    });
  });
});
