import { describe, expect, it } from 'vitest';

import type { KubeObject } from '@/lib/k8s/object';
import { ObjectStore } from '@/server/k8s/store';

const pod = (ns: string, name: string, node: string, rv = '1'): KubeObject => ({
  metadata: { namespace: ns, name, uid: `${ns}-${name}`, resourceVersion: rv },
  spec: { nodeName: node },
});

describe('ObjectStore', () => {
  const make = () =>
    new ObjectStore<KubeObject>((o) => o.metadata, {
      namespace: (o) => (o.metadata.namespace ? [o.metadata.namespace] : []),
      node: (o) => [(o.spec as { nodeName: string }).nodeName],
    });

  it('keeps indexes in step with upserts and deletes', () => {
    const s = make();
    s.upsert(pod('a', 'p1', 'n1'));
    s.upsert(pod('a', 'p2', 'n2'));
    s.upsert(pod('b', 'p3', 'n1'));
    expect(
      s
        .byIndex('node', 'n1')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['p1', 'p3']);
    // moving p1 to n2 must remove it from n1's index
    const old = s.upsert(pod('a', 'p1', 'n2', '2'));
    expect(old?.metadata.resourceVersion).toBe('1');
    expect(s.byIndex('node', 'n1').map((o) => o.metadata.name)).toEqual(['p3']);
    expect(s.byIndex('node', 'n2')).toHaveLength(2);
    s.delete('b/p3');
    expect(s.byIndex('namespace', 'b')).toEqual([]);
    expect(s.indexValues('namespace')).toEqual(['a']);
    expect(s.size).toBe(2);
  });
});
