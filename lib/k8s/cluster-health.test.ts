import { describe, expect, it } from 'vitest';

import { reachabilityLabel } from '@/lib/k8s/cluster-health';

describe('reachabilityLabel', () => {
  it('names the failure class', () => {
    expect(reachabilityLabel({ reachable: true })).toBe('Connected');
    expect(reachabilityLabel({ reachable: false, error: { kind: 'timeout', message: 'x' } })).toBe('Unreachable');
    expect(reachabilityLabel({ reachable: false, error: { kind: 'config', message: 'x' } })).toBe('Not configured');
    expect(reachabilityLabel({ reachable: false, error: { kind: 'server-error', message: 'x' } })).toBe('Error');
  });
});
