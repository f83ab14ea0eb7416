import { hashKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { k8sKeys } from '@/lib/query/keys';
import {
  listStateFrom,
  objectEventsParams,
  objectLiveParams,
  PAGE_SIZE,
  relatedListParams,
  searchOf,
  tableParams,
  windowPageParams,
} from '@/lib/query/pages';

// A list page prefetched on the server must land under the very key the client's table asks for
// (ADR 0018): the server reads the page's searchParams object, the client useSearchParams().
const serverKey = (params: Record<string, string | string[] | undefined>, namespaced = true) =>
  hashKey(k8sKeys.list('local', 'pods', windowPageParams(tableParams(listStateFrom(searchOf(params)), namespaced), 0)));
const clientKey = (query: string, namespaced = true) =>
  hashKey(
    k8sKeys.list(
      'local',
      'pods',
      windowPageParams(tableParams(listStateFrom(new URLSearchParams(query)), namespaced), 0),
    ),
  );

describe('list page params', () => {
  it('gives the server and the client the same key for the same URL', () => {
    expect(serverKey({})).toBe(clientKey(''));
    expect(serverKey({ namespace: 'a,b', q: 'web', sort: 'age', order: 'desc', labelSelector: 'app=x' })).toBe(
      clientKey('namespace=a,b&q=web&sort=age&order=desc&labelSelector=app%3Dx'),
    );
    // A repeated parameter counts once, as URLSearchParams.get does; an unknown order is ascending.
    expect(serverKey({ namespace: ['a', 'b'], order: 'sideways' })).toBe(
      clientKey('namespace=a&namespace=b&order=sideways'),
    );
    // Cluster-scoped kinds ignore a namespace filter on both sides.
    expect(serverKey({ namespace: 'a' }, false)).toBe(clientKey('', false));
  });

  it('pages the window in fixed pages', () => {
    expect(windowPageParams({ q: 'x' }, 2)).toEqual({ q: 'x', limit: PAGE_SIZE, offset: 2 * PAGE_SIZE });
  });

  it("names an object page's lists as its components do", () => {
    expect(objectLiveParams('', 'node-1')).toEqual({ namespaces: [], q: 'node-1', limit: 1000 });
    expect(objectEventsParams(undefined, 'node-1')).toEqual({ namespaces: [], q: 'node-1', limit: 200 });
    // No selector (null) is sent as none, never as "everything".
    expect(hashKey(['x', relatedListParams({}, 'ns', null)])).toBe(hashKey(['x', { namespaces: ['ns'], limit: 500 }]));
    expect(relatedListParams({ allNamespaces: true }, 'ns', 'a=b')).toEqual({
      namespaces: [],
      labelSelector: 'a=b',
      limit: 500,
    });
  });
});
