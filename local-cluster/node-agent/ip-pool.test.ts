import { describe, expect, it } from 'vitest';

import { IpPool } from './ip-pool';

describe('IpPool', () => {
  it('hands out unique addresses and skips reserved ones', () => {
    const pool = new IpPool();
    pool.reserve('10.244.0.2');
    expect(pool.allocate()).toBe('10.244.0.1');
    expect(pool.allocate()).toBe('10.244.0.3');
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(pool.allocate());
    expect(seen.size).toBe(10_000);
    expect([...seen].some((ip) => ip.endsWith('.0') || ip.endsWith('.255'))).toBe(false);
  });

  it('reuses released addresses after wrapping around', () => {
    const pool = new IpPool();
    const first = pool.allocate();
    pool.release(first);
    expect(pool.size).toBe(0);
    pool.reserve('not-an-ip');
    expect(pool.size).toBe(0);
  });
});
