import { describe, expect, it } from 'vitest';

import { podsKind } from '@/lib/k8s/kinds/pods';
import type { KubeObject } from '@/lib/k8s/object';
import { parseListQuery, selectPage } from '@/server/k8s/list-query';

const pod = (ns: string, name: string, created: string, app = 'web'): KubeObject => ({
  metadata: {
    namespace: ns,
    name,
    uid: `${ns}/${name}`,
    resourceVersion: '1',
    creationTimestamp: created,
    labels: { app },
  },
  spec: { containers: [{ name: 'c', image: 'img:1' }] },
  status: { phase: 'Running' },
});

const pods = [
  pod('a', 'web-1', '2026-01-01T00:00:03Z'),
  pod('a', 'db-1', '2026-01-01T00:00:01Z', 'db'),
  pod('b', 'web-2', '2026-01-01T00:00:02Z'),
  pod('c', 'web-3', '2026-01-01T00:00:04Z'),
];

const all = () => true;

describe('list queries served from the cache', () => {
  it('validates input and rejects what is not a namespace or a page size', () => {
    expect(parseListQuery(new URLSearchParams('namespace=a,b&limit=10')).success).toBe(true);
    expect(parseListQuery(new URLSearchParams('namespace=../etc')).success).toBe(false);
    expect(parseListQuery(new URLSearchParams('limit=100000')).success).toBe(false);
    expect(parseListQuery(new URLSearchParams('sort=age;drop')).success).toBe(false);
  });

  it('filters by namespace and text, sorts by age descending, pages', () => {
    const q = parseListQuery(new URLSearchParams('namespace=a&namespace=b&q=web&sort=age&order=desc&limit=1'));
    if (!q.success) throw q.error;
    const page = selectPage(podsKind, pods, q.data, all, all);
    expect(page.total).toBe(2);
    expect(page.items.map((p) => p.name)).toEqual(['web-1']);
    const next = selectPage(podsKind, pods, { ...q.data, offset: 1 }, all, all);
    expect(next.items.map((p) => p.name)).toEqual(['web-2']);
  });

  it('never returns objects of namespaces the user may not read', () => {
    const q = parseListQuery(new URLSearchParams(''));
    if (!q.success) throw q.error;
    const page = selectPage(podsKind, pods, q.data, all, (ns) => ns === 'c');
    expect(page.items.map((p) => p.namespace)).toEqual(['c']);
  });

  it('applies a label matcher', () => {
    const q = parseListQuery(new URLSearchParams(''));
    if (!q.success) throw q.error;
    const page = selectPage(podsKind, pods, q.data, (l) => l.app === 'db', all);
    expect(page.items.map((p) => p.name)).toEqual(['db-1']);
  });
});
