import { describe, expect, it } from 'vitest';

import { backoffMs } from '@/server/k8s/reflector';

describe('reconnect backoff', () => {
  it('grows exponentially with equal jitter and is capped', () => {
    expect(backoffMs(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMs(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffMs(30, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffMs(30, 500, 30_000, () => 0)).toBe(15_000);
  });
});
