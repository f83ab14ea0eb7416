import type { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AccessCache, REFRESH_AHEAD, type AccessQuery } from '@/server/k8s/access';

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

describe('refresh ahead', () => {
  afterEach(() => vi.useRealTimers());

  /** An AccessCache whose SubjectAccessReviews answer from `answers` (in turn) without an API server. */
  function cacheWith(answers: boolean[]) {
    const access = new AccessCache({} as KubeConfig, { ttlMs: 10_000, maxEntries: 100, timeoutMs: 1_000 });
    const review = vi
      .spyOn(access as unknown as { review: () => Promise<boolean> }, 'review')
      .mockImplementation(() => Promise.resolve(answers.shift() ?? false));
    return { access, review };
  }
  const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('asks again in the background before an answer in use expires, and serves it meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const { access, review } = cacheWith([true, false]);
    expect(await access.allowed(bob, q)).toBe(true);
    vi.setSystemTime(10_000 * REFRESH_AHEAD - 1);
    expect(await access.allowed(bob, q)).toBe(true);
    expect(review).toHaveBeenCalledTimes(1);
    // Past the refresh point: the cached answer now, one review in the background (not two).
    vi.setSystemTime(10_000 * REFRESH_AHEAD);
    expect(await access.allowed(bob, q)).toBe(true);
    expect(await access.allowed(bob, q)).toBe(true);
    expect(review).toHaveBeenCalledTimes(2);
    await tick();
    // The new answer (revoked) is served at once, and lasts a TTL from when it came.
    expect(await access.allowed(bob, q)).toBe(false);
    vi.setSystemTime(10_000 * REFRESH_AHEAD + 5_000);
    expect(await access.allowed(bob, q)).toBe(false);
    expect(review).toHaveBeenCalledTimes(2);
  });

  it('never serves an answer older than the TTL when the refresh fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const { access, review } = cacheWith([true]);
    review
      .mockImplementationOnce(() => Promise.resolve(true))
      .mockImplementationOnce(() => Promise.reject(new Error('down')));
    expect(await access.allowed(bob, q)).toBe(true);
    vi.setSystemTime(9_000);
    expect(await access.allowed(bob, q)).toBe(true);
    await tick();
    expect(review).toHaveBeenCalledTimes(2);
    // Not retried in the background; once expired, the request itself asks (and is refused: the API said nothing).
    expect(await access.allowed(bob, q)).toBe(true);
    expect(review).toHaveBeenCalledTimes(2);
    vi.setSystemTime(10_001);
    review.mockImplementationOnce(() => Promise.resolve(false));
    expect(await access.allowed(bob, q)).toBe(false);
    expect(review).toHaveBeenCalledTimes(3);
  });
});
