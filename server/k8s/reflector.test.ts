import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import { backoffMs, Reflector } from '@/server/k8s/reflector';

describe('reconnect backoff', () => {
  it('grows exponentially with equal jitter and is capped', () => {
    expect(backoffMs(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMs(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffMs(30, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffMs(30, 500, 30_000, () => 0)).toBe(15_000);
  });
});

describe('a reflector whose API server cannot be reached', () => {
  it('reports the failure to those waiting for its first sync at once, not after their timeout', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused (a real socket, no mock).
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'gone', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
      users: [{ name: 'u', token: 'x' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
      currentContext: 'gone',
    });
    const r = new Reflector({ kc, listPath: '/api/v1/pods', requestTimeoutMs: 5_000 });
    r.start();
    try {
      const started = Date.now();
      expect(await r.ready(20_000)).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(r.state).toBe('syncing');
      expect(r.lastError?.message).toMatch(/ECONNREFUSED/);
      expect(r.lastErrorAt).toBeTypeOf('number');
      expect(r.lastSyncAt).toBeUndefined();
    } finally {
      await r.stop();
    }
  });
});
