import { describe, expect, it, vi } from 'vitest';

import { Authorizer, forbiddenMessage, remoteUser } from './authorizer';

describe('remoteUser', () => {
  it('reads user, groups and extras from the front-proxy headers', () => {
    const u = remoteUser({
      'x-remote-user': ['bob'],
      'x-remote-group': ['wheelhouse:developers', 'system:authenticated'],
      'x-remote-extra-scopes%2Fv1': ['a', 'b'],
    });
    expect(u).toEqual({
      name: 'bob',
      groups: ['wheelhouse:developers', 'system:authenticated'],
      extra: { 'scopes/v1': ['a', 'b'] },
    });
    expect(remoteUser({})).toBeUndefined();
  });
});

describe('Authorizer', () => {
  it('caches answers per user and target until they expire', async () => {
    let now = 0;
    const review = vi.fn(async () => true);
    const auth = new Authorizer(review, 1000, () => now);
    const user = { name: 'alice', groups: ['g'], extra: {} };
    const target = { kind: 'resource', resource: 'pods', verb: 'list', namespace: 'shop' } as const;
    expect(await auth.allowed(user, target)).toBe(true);
    expect(await auth.allowed(user, target)).toBe(true);
    expect(review).toHaveBeenCalledTimes(1);
    await auth.allowed(user, { ...target, namespace: 'other' });
    expect(review).toHaveBeenCalledTimes(2);
    now = 2000;
    await auth.allowed(user, target);
    expect(review).toHaveBeenCalledTimes(3);
  });

  it('words a denial like the API server', () => {
    const msg = forbiddenMessage(
      { name: 'bob', groups: [], extra: {} },
      { kind: 'resource', resource: 'pods', verb: 'list', namespace: 'data' },
    );
    expect(msg).toBe(
      'pods.metrics.k8s.io is forbidden: User "bob" cannot list resource "pods" in API group "metrics.k8s.io" in the namespace "data"',
    );
  });
});
