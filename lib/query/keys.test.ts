import { describe, expect, it } from 'vitest';

import { k8sKeys, listSearchParams } from '@/lib/query/keys';

describe('k8sKeys', () => {
  it('nests cluster, kind and lists so prefixes invalidate them', () => {
    const list = k8sKeys.list('local', 'pods', { namespaces: ['a'] });
    expect(list).toEqual(['k8s', 'local', 'pods', 'list', { namespaces: ['a'] }]);
    expect(list.slice(0, 4)).toEqual(k8sKeys.lists('local', 'pods'));
    expect(list.slice(0, 3)).toEqual(k8sKeys.kind('local', 'pods'));
    expect(list.slice(0, 2)).toEqual(k8sKeys.cluster('local'));
  });

  it('builds the list API query string', () => {
    const sp = listSearchParams({ namespaces: ['a', 'b'], labelSelector: 'app=web', limit: 50, offset: 0 });
    expect(sp.toString()).toBe('namespace=a%2Cb&labelSelector=app%3Dweb&limit=50&offset=0');
  });
});
