import { describe, expect, it } from 'vitest';

import { hpaBoundsSchema, parseReplicasInput, replicasSchema } from '@/lib/k8s/rollout/scale';

describe('replicasSchema', () => {
  const s = replicasSchema(1000);
  it('accepts whole numbers 0…max', () => {
    expect(s.safeParse(0).success).toBe(true);
    expect(s.safeParse(1000).success).toBe(true);
  });
  it('rejects fractions, negatives, too many and non-numbers with a reason', () => {
    expect(s.safeParse(1.5).error?.issues[0]?.message).toBe('Replicas must be a whole number');
    expect(s.safeParse(-1).error?.issues[0]?.message).toBe('Replicas cannot be negative');
    expect(s.safeParse(1001).error?.issues[0]?.message).toContain('At most 1000');
    expect(s.safeParse(Number.NaN).success).toBe(false);
    expect(s.safeParse('3').success).toBe(false);
  });
  it('parses form text strictly', () => {
    expect(parseReplicasInput(' 4 ')).toBe(4);
    expect(parseReplicasInput('4x')).toBeNaN();
    expect(parseReplicasInput('')).toBeNaN();
  });
});

describe('hpaBoundsSchema', () => {
  const s = hpaBoundsSchema(50);
  it('requires 1 ≤ min ≤ max ≤ limit', () => {
    expect(s.safeParse({ minReplicas: 1, maxReplicas: 1 }).success).toBe(true);
    expect(s.safeParse({ minReplicas: 0, maxReplicas: 3 }).success).toBe(false);
    expect(s.safeParse({ minReplicas: 4, maxReplicas: 3 }).error?.issues[0]?.message).toBe(
      'Minimum must not exceed maximum',
    );
    expect(s.safeParse({ minReplicas: 2, maxReplicas: 51 }).success).toBe(false);
  });
});
