import { describe, expect, it } from 'vitest';

import {
  MAX_SUBSCRIPTIONS,
  parseSubscription,
  parseSubscriptions,
  subscriptionMatches,
} from '@/server/k8s/subscriptions';

describe('parseSubscription', () => {
  it('accepts cluster:kind with an optional namespace and name', () => {
    expect(parseSubscription('local:pods')).toEqual({ cluster: 'local', kind: 'pods' });
    expect(parseSubscription('local:pods:shop-frontend')).toEqual({
      cluster: 'local',
      kind: 'pods',
      namespace: 'shop-frontend',
    });
    expect(parseSubscription('local:deployments:shop-frontend:storefront')).toEqual({
      cluster: 'local',
      kind: 'deployments',
      namespace: 'shop-frontend',
      name: 'storefront',
    });
    expect(parseSubscription('local:namespaces::shop-frontend')).toEqual({
      cluster: 'local',
      kind: 'namespaces',
      name: 'shop-frontend',
    });
  });

  it('takes the rest as the name: RBAC names hold colons', () => {
    expect(parseSubscription('local:pods:a:system:b')).toEqual({
      cluster: 'local',
      kind: 'pods',
      namespace: 'a',
      name: 'system:b',
    });
  });

  it.each([
    ['local', 'expected'],
    ['Local:pods', 'invalid cluster'],
    [':pods', 'invalid cluster'],
    ['local:widgets', 'unknown kind'],
    ['local:__proto__', 'unknown kind'],
    ['local:pods:Bad_NS', 'invalid namespace'],
    ['local:pods:ns:', 'invalid name'],
    ['local:pods:ns:a/b', 'invalid name'],
    ['local:pods::web', 'needs a namespace'],
    ['local:namespaces:default', 'not namespaced'],
  ])('rejects %s', (raw, reason) => {
    const result = parseSubscription(raw);
    expect(typeof result).toBe('string');
    expect(result).toContain(reason);
  });
});

describe('parseSubscriptions', () => {
  it('de-duplicates and keeps order', () => {
    const r = parseSubscriptions(['local:pods', 'local:deployments', 'local:pods']);
    expect(r).toEqual({
      ok: true,
      subscriptions: [
        { cluster: 'local', kind: 'pods' },
        { cluster: 'local', kind: 'deployments' },
      ],
    });
  });

  it('requires at least one and bounds the count', () => {
    expect(parseSubscriptions([]).ok).toBe(false);
    const many = Array.from({ length: MAX_SUBSCRIPTIONS + 1 }, (_, i) => `local:pods:ns-${i}`);
    expect(parseSubscriptions(many).ok).toBe(false);
  });

  it('reports the first invalid entry', () => {
    const r = parseSubscriptions(['local:pods', 'local:nope']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('local:nope');
  });
});

describe('subscriptionMatches', () => {
  const pod = { namespace: 'a', name: 'web' };
  it('matches by cluster, kind, namespace and name', () => {
    expect(subscriptionMatches({ cluster: 'local', kind: 'pods' }, 'local', 'pods', pod)).toBe(true);
    expect(subscriptionMatches({ cluster: 'local', kind: 'pods', namespace: 'a' }, 'local', 'pods', pod)).toBe(true);
    expect(subscriptionMatches({ cluster: 'local', kind: 'pods', namespace: 'b' }, 'local', 'pods', pod)).toBe(false);
    expect(
      subscriptionMatches({ cluster: 'local', kind: 'pods', namespace: 'a', name: 'x' }, 'local', 'pods', pod),
    ).toBe(false);
    expect(subscriptionMatches({ cluster: 'other', kind: 'pods' }, 'local', 'pods', pod)).toBe(false);
    expect(subscriptionMatches({ cluster: 'local', kind: 'deployments' }, 'local', 'pods', pod)).toBe(false);
  });
});
