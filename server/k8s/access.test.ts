import { describe, expect, it } from 'vitest';

import { AccessCache, type AccessQuery } from '@/server/k8s/access';

// Access-cache keys (issue 11, item 13): a user or group name containing a separator must never
// produce another identity's key, or one person would be handed another's cached answer.

const q: AccessQuery = { verb: 'list', group: '', resource: 'pods', namespace: 'team-a' };

describe('AccessCache.key', () => {
  it('keeps groups "a,b" apart from groups "a" and "b"', () => {
    expect(AccessCache.key({ user: 'u', groups: ['a,b'] }, q)).not.toBe(
      AccessCache.key({ user: 'u', groups: ['a', 'b'] }, q),
    );
  });

  it('keeps a NUL inside a user name apart from the next field', () => {
    // user "alice\0admins" with no groups vs user "alice" in group "admins"
    expect(AccessCache.key({ user: 'alice\u0000admins', groups: [] }, q)).not.toBe(
      AccessCache.key({ user: 'alice', groups: ['admins'] }, q),
    );
  });

  it('keeps "|" and ":" inside names apart from other splits', () => {
    const keys = new Set([
      AccessCache.key({ user: 'a|b', groups: ['c:d'] }, q),
      AccessCache.key({ user: 'a', groups: ['b|c:d'] }, q),
      AccessCache.key({ user: 'a|b|c', groups: ['d'] }, q),
      AccessCache.key({ user: 'a|b', groups: ['c', 'd'] }, q),
    ]);
    expect(keys.size).toBe(4);
  });

  it('keeps a namespace apart from a name that would shift into it', () => {
    const a = AccessCache.key({ user: 'u', groups: [] }, { ...q, namespace: 'x', name: '' });
    const b = AccessCache.key({ user: 'u', groups: [] }, { ...q, namespace: '', name: 'x' });
    expect(a).not.toBe(b);
  });

  it('gives the same key whatever the order of groups', () => {
    expect(AccessCache.key({ user: 'u', groups: ['b', 'a'] }, q)).toBe(
      AccessCache.key({ user: 'u', groups: ['a', 'b'] }, q),
    );
  });
});

describe('AccessBudgetError', () => {
  it('is answered 429 with Retry-After by the one error mapping', async () => {
    const { AccessBudgetError } = await import('@/server/k8s/access');
    const { kubeErrorResponse } = await import('@/server/http/responses');
    const res = kubeErrorResponse(new AccessBudgetError(3), 'local');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(((await res.json()) as { error: { kind: string } }).error.kind).toBe('too-many-requests');
  });
});
