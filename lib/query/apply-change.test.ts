import { describe, expect, it } from 'vitest';

import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import { applyChange, type LiveChange } from '@/lib/query/apply-change';
import type { ResourceListResponse } from '@/lib/k8s/list-response';

function pod(name: string, namespace = 'a', labels: Record<string, string> = {}): BaseSummary {
  return { uid: `uid-${namespace}-${name}`, namespace, name, resourceVersion: '1', labels };
}

function page(items: BaseSummary[], offset = 0, limit = 10): ResourceListResponse {
  return { items, total: items.length, offset, limit, cache: { state: 'ready' } };
}

const change = (type: LiveChange['type'], summary: BaseSummary): LiveChange => ({
  cluster: 'local',
  kind: 'pods',
  type,
  summary,
});

const names = (p: ResourceListResponse | undefined) => p?.items.map((s) => s.name);

describe('applyChange', () => {
  it('replaces an item by uid', () => {
    const next = applyChange(page([pod('x'), pod('y')]), {}, change('MODIFIED', { ...pod('y'), resourceVersion: '2' }));
    expect(next?.items[1]?.resourceVersion).toBe('2');
    expect(next?.total).toBe(2);
  });

  it('removes a deleted item and one that no longer matches the label selector', () => {
    expect(names(applyChange(page([pod('x'), pod('y')]), {}, change('DELETED', pod('x'))))).toEqual(['y']);
    const p = page([pod('x', 'a', { app: 'web' })]);
    const next = applyChange(p, { labelSelector: 'app=web' }, change('MODIFIED', pod('x', 'a', { app: 'api' })));
    expect(next?.items).toEqual([]);
    expect(next?.total).toBe(0);
  });

  it('inserts an added item in sort order on the first page, within the limit', () => {
    const next = applyChange(page([pod('a'), pod('c')], 0, 2), {}, change('ADDED', pod('b')));
    expect(names(next)).toEqual(['a', 'b']);
    expect(next?.total).toBe(3);
  });

  it('leaves pages alone that the item does not belong to', () => {
    const p = page([pod('x')]);
    expect(applyChange(p, { namespaces: ['b'] }, change('ADDED', pod('y', 'a')))).toBe(p);
    expect(applyChange(p, { q: 'zzz' }, change('ADDED', pod('y')))).toBe(p);
    expect(applyChange(page([pod('x')], 10), {}, change('ADDED', pod('y')))).toEqual(page([pod('x')], 10));
    expect(applyChange(p, {}, change('DELETED', pod('nope')))).toBe(p);
    expect(applyChange(undefined, {}, change('ADDED', pod('y')))).toBeUndefined();
  });
});
