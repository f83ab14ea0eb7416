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

  it('counts only what is new to the list: a change of an object on another page leaves the total alone', () => {
    // A full first page (limit 2) of a longer list: c is on a later page.
    const p = { ...page([pod('a'), pod('b')], 0, 2), total: 5 };
    expect(applyChange(p, {}, change('MODIFIED', pod('c')))).toBe(p);
    // c sorts onto this page (newest-first style order): in, the last one out, the total the same.
    const moved = applyChange(p, { order: 'desc' }, change('MODIFIED', pod('c')));
    expect(names(moved)).toEqual(['c', 'b']);
    expect(moved?.total).toBe(5);
    expect(applyChange(p, {}, change('ADDED', pod('c')))?.total).toBe(6);
    // The whole list on one page: a modified object not on it has just begun to match.
    const whole = applyChange(page([pod('a')]), {}, change('MODIFIED', pod('b')));
    expect(names(whole)).toEqual(['a', 'b']);
    expect(whole?.total).toBe(2);
  });

  it('counts one fewer when an object of the list is deleted from another page', () => {
    const p = { ...page([pod('a'), pod('b')], 0, 2), total: 5 };
    expect(applyChange(p, {}, change('DELETED', pod('z')))?.total).toBe(4);
    expect(applyChange(p, { namespaces: ['b'] }, change('DELETED', pod('z', 'a')))?.total).toBe(5);
    expect(applyChange({ ...page([pod('x')], 10), total: 20 }, {}, change('DELETED', pod('y')))?.total).toBe(19);
    const whole = page([pod('a')]);
    expect(applyChange(whole, {}, change('DELETED', pod('z')))).toBe(whole);
  });
});
