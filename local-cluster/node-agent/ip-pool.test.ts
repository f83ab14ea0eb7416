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

describe('IpPool at 100,000 pods', () => {
  it('goes on past 10.244.255.254 into the rest of 10.240.0.0/12, unique, and keeps reservations there', () => {
    const pool = new IpPool();
    pool.reserve('10.245.0.1');
    pool.reserve('10.239.0.1'); // outside the range: ignored
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(pool.allocate());
    expect(seen.size).toBe(100_000);
    expect(seen.has('10.244.255.254')).toBe(true);
    expect(seen.has('10.245.0.1')).toBe(false);
    expect(seen.has('10.245.0.2')).toBe(true);
    expect([...seen].every((ip) => /^10\.(24[0-9]|25[0-5])\.\d+\.\d+$/.test(ip))).toBe(true);
    expect(pool.size).toBe(100_001);
  });
});
