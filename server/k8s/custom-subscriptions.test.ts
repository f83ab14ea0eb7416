import { describe, expect, it } from 'vitest';

import { parseSubscription } from '@/server/k8s/subscriptions';

// Custom kinds in stream subscriptions (ADR 0020): the id's shape is checked here; whether the
// cluster has such a CRD is decided when the stream opens (resolveKind).

describe('parseSubscription with custom kind ids', () => {
  it('accepts <plural>.<group>, with a namespace and a name', () => {
    expect(parseSubscription('local:backups.demo.wheelhouse.dev')).toEqual({
      cluster: 'local',
      kind: 'backups.demo.wheelhouse.dev',
      namespace: undefined,
      name: undefined,
    });
    expect(parseSubscription('local:backups.demo.wheelhouse.dev:shop-backend:orders-db-nightly')).toMatchObject({
      namespace: 'shop-backend',
      name: 'orders-db-nightly',
    });
  });

  it('refuses ids that are neither built-in nor shaped like a CRD name', () => {
    expect(parseSubscription('local:Backups.Demo')).toMatch(/unknown kind/);
    expect(parseSubscription('local:widgets')).toMatch(/unknown kind/);
    expect(parseSubscription('local:backups..dev')).toMatch(/unknown kind/);
  });
});
