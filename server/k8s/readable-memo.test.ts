import { afterEach, describe, expect, it, vi } from 'vitest';

import { podsKind } from '@/lib/k8s/kinds/pods';
import type { ClusterCache } from '@/server/k8s/cache';
import { READABLE_MEMO_MS, readableNamespaces } from '@/server/k8s/resources';

// A developer's list asked the access cache once per namespace on every request (issue 14: 2.3 ms of
// CPU per request at 1,000 namespaces, every answer cached). The readable set is now reused briefly.

function fakeCache(allowed: (ns: string) => boolean, ttlMs = 10_000) {
  const asked: string[] = [];
  const access = {
    ttlMs,
    allowed: async (_who: unknown, q: { namespace: string }) => {
      asked.push(q.namespace);
      return q.namespace !== '' && allowed(q.namespace);
    },
  };
  return { cache: { access } as unknown as ClusterCache, asked };
}

const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
const present = Array.from({ length: 1000 }, (_, i) => `bench-${String(i).padStart(4, '0')}`);

afterEach(() => vi.useRealTimers());

describe('readableNamespaces reuses a person’s answer briefly', () => {
  it('asks once per namespace, then not again for the same person, kind and namespaces', async () => {
    const { cache, asked } = fakeCache((ns) => ns < 'bench-0002');
    const first = await readableNamespaces(cache, bob, podsKind, present);
    expect(first).toEqual(new Set(['bench-0000', 'bench-0001']));
    expect(asked).toHaveLength(1001);
    expect(await readableNamespaces(cache, bob, podsKind, [...present])).toBe(first);
    expect(asked).toHaveLength(1001);
  });

  it('asks again for another person, other groups, other namespaces, or once the moment has passed', async () => {
    vi.useFakeTimers();
    const { cache, asked } = fakeCache(() => true);
    await readableNamespaces(cache, bob, podsKind, present);
    await readableNamespaces(cache, { user: 'carol', groups: ['wheelhouse:developers'] }, podsKind, present);
    await readableNamespaces(cache, { user: 'bob', groups: [] }, podsKind, present);
    expect(asked).toHaveLength(3 * 1001);
    await readableNamespaces(cache, bob, podsKind, [...present, 'bench-new']);
    expect(asked).toHaveLength(3 * 1001 + 1002);
    vi.advanceTimersByTime(READABLE_MEMO_MS);
    await readableNamespaces(cache, bob, podsKind, [...present, 'bench-new']);
    expect(asked).toHaveLength(3 * 1001 + 2 * 1002);
  });

  it('keeps it no longer than a fifth of the answers’ own TTL', async () => {
    vi.useFakeTimers();
    const { cache, asked } = fakeCache(() => true, 1000);
    await readableNamespaces(cache, bob, podsKind, present);
    vi.advanceTimersByTime(200);
    await readableNamespaces(cache, bob, podsKind, present);
    expect(asked).toHaveLength(2 * 1001);
  });
});
