import { describe, expect, it } from 'vitest';

import { parseConfig } from './config';

describe('parseConfig', () => {
  it('has defaults that fit cluster:up', () => {
    const c = parseConfig([], '/tmp/wh');
    expect(c).toMatchObject({
      nodes: 3,
      maxGraceMs: 2000,
      heartbeatMs: 10_000,
      concurrency: 20,
      metricsPort: 10255,
      apiPort: 10443,
      context: 'admin',
      register: true,
    });
    expect(c.kubeconfig).toBe('/tmp/wh/cluster/kubeconfig');
  });

  it('reads flags; bare numbers are seconds', () => {
    const c = parseConfig(
      ['--nodes', '5', '--max-grace', '0', '--heartbeat', '5', '--no-register', '--cpu', '8'],
      '/tmp/wh',
    );
    expect(c).toMatchObject({ nodes: 5, maxGraceMs: 0, heartbeatMs: 5000, register: false, cpu: '8' });
  });

  it('rejects nonsense', () => {
    expect(() => parseConfig(['--nodes', 'zero'])).toThrow();
    expect(() => parseConfig(['--max-grace', 'soon'])).toThrow(/not a duration/);
    expect(() => parseConfig(['--bogus'])).toThrow();
  });
});
