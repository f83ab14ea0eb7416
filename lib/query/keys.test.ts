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

describe('one cluster-first factory', () => {
  it('puts elevation, metrics, audit and derived views under the cluster', () => {
    const cluster = k8sKeys.cluster('local');
    const t = { kind: 'deployment' as const, namespace: 'shop', name: 'web' };
    for (const key of [
      k8sKeys.elevation('local'),
      k8sKeys.metricsSeries('local', t, 'cpu', '1h'),
      k8sKeys.auditPage('local', { user: 'alice' }),
      k8sKeys.certificateHealth('local'),
      k8sKeys.actions('local', 'deployments', 'shop', 'web'),
    ]) {
      expect(key.slice(0, 2)).toEqual(cluster);
    }
    expect(k8sKeys.metricsSeries('local', t, 'cpu', '1h').slice(0, 6)).toEqual(k8sKeys.metricsTarget('local', t));
    expect(k8sKeys.actions('local', 'deployments', 'shop', 'web').slice(0, 3)).toEqual(
      k8sKeys.kind('local', 'deployments'),
    );
    expect(k8sKeys.certificateHealth('local').slice(0, 3)).toEqual(k8sKeys.kind('local', 'certificates'));
  });
});
