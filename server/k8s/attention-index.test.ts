import { describe, expect, it } from 'vitest';

import type { KubeObject } from '@/lib/k8s/object';
import { ATTENTION_SOURCES, combine, newAttentionIndex } from '@/server/k8s/attention';
import type { AttentionIndex } from '@/server/k8s/attention-index';

// The incremental index behind GET /api/k8s/<cluster>/attention (ADR 0023), fed watch events the
// way the reflector emits them, with the real kind rules (summaries from the descriptors).

const src = (id: string) => ATTENTION_SOURCES.find((s) => s.kind.id === id)!;
let rv = 0;

function pod(namespace: string, name: string, waiting?: string, created = '2026-01-01T00:00:00Z'): KubeObject {
  const state = waiting ? { waiting: { reason: waiting } } : { running: { startedAt: created } };
  return {
    metadata: {
      namespace,
      name,
      uid: `${namespace}/${name}`,
      resourceVersion: String(++rv),
      creationTimestamp: created,
    },
    spec: { containers: [{ name: 'app', image: 'app:1' }] },
    status: {
      phase: waiting ? 'Pending' : 'Running',
      containerStatuses: [{ name: 'app', ready: !waiting, restartCount: waiting ? 4 : 0, state }],
    },
  } as unknown as KubeObject;
}

function deployment(namespace: string, name: string, stuck = false): KubeObject {
  return {
    metadata: { namespace, name, uid: `d/${namespace}/${name}`, resourceVersion: String(++rv), generation: 2 },
    spec: { replicas: 2 },
    status: {
      observedGeneration: 2,
      replicas: 2,
      updatedReplicas: stuck ? 1 : 2,
      availableReplicas: 2,
      readyReplicas: 2,
      conditions: stuck
        ? [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }]
        : [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }],
    },
  } as unknown as KubeObject;
}

const pods = () => newAttentionIndex(src('pods'));
const names = (index: AttentionIndex, readable: 'all' | Set<string> = 'all') =>
  index.top(readable, 20).pods.map((i) => `${i.namespace}/${i.name}:${i.title}`);

describe('AttentionIndex (incremental, from watch events)', () => {
  it('adds a crash-looping pod and drops it when it runs again', () => {
    const index = pods();
    index.apply('ADDED', pod('shop-backend', 'payments-1', 'CrashLoopBackOff'));
    index.apply('ADDED', pod('shop-backend', 'checkout-1'));
    expect(index.summary('all').counts.pods).toBe(1);
    expect(names(index)).toEqual(['shop-backend/payments-1:Crash-looping']);

    index.apply('MODIFIED', pod('shop-backend', 'payments-1'));
    expect(index.summary('all').counts.pods).toBe(0);
    expect(names(index)).toEqual([]);
    expect(index.namespaces()).toEqual([]);
  });

  it('follows a pod from one failing state to another, and out on delete', () => {
    const index = pods();
    index.apply('ADDED', pod('a', 'p', 'ErrImagePull'));
    expect(names(index)).toEqual(['a/p:Image cannot be pulled']);
    index.apply('MODIFIED', pod('a', 'p', 'CreateContainerConfigError'));
    expect(names(index)).toEqual(['a/p:Container cannot be created']);
    expect(index.summary('all').counts.pods).toBe(1);
    index.apply('DELETED', pod('a', 'p', 'CreateContainerConfigError'));
    expect(index.summary('all').counts.pods).toBe(0);
    expect(index.flagged).toBe(0);
  });

  it('does not change its version for events that change no answer', () => {
    const index = pods();
    index.apply('ADDED', pod('a', 'ok'));
    const v = index.version;
    index.apply('MODIFIED', pod('a', 'ok'));
    index.apply('MODIFIED', pod('a', 'ok'));
    expect(index.version).toBe(v);
    index.apply('MODIFIED', pod('a', 'ok', 'OOMKilled'));
    expect(index.version).toBe(v + 1);
  });

  it('counts workloads per namespace and stuck rollouts, through add, update and delete', () => {
    const index = newAttentionIndex(src('deployments'));
    index.apply('ADDED', deployment('shop-backend', 'payments', true));
    index.apply('ADDED', deployment('shop-backend', 'checkout'));
    index.apply('ADDED', deployment('data', 'etl'));
    let t = index.summary('all');
    expect(t.objects).toBe(3);
    expect(t.counts.stuck).toBe(1);
    expect(t.namespaces.get('shop-backend')).toEqual({ objects: 2, attention: 1 });

    index.apply('MODIFIED', deployment('shop-backend', 'payments'));
    index.apply('DELETED', deployment('data', 'etl'));
    t = index.summary('all');
    expect(t.objects).toBe(2);
    expect(t.counts.stuck).toBe(0);
    expect([...t.namespaces.keys()]).toEqual(['shop-backend']);
  });

  it('answers a person only from the namespaces they may read', () => {
    const index = pods();
    index.apply('ADDED', pod('shop-frontend', 'web-1', 'CrashLoopBackOff'));
    index.apply('ADDED', pod('data-platform', 'etl-1', 'ImagePullBackOff'));
    const bob = new Set(['shop-frontend', 'shop-backend']);
    expect(index.summary(bob).counts.pods).toBe(1);
    expect(names(index, bob)).toEqual(['shop-frontend/web-1:Crash-looping']);
    expect(names(index)).toHaveLength(2);
  });
});

describe('attention at 5,000 objects: complete counts, bounded answer', () => {
  // 5,000 pods and 5,000 Deployments over 250 namespaces; every 4th pod fails, every 5th Deployment
  // is stuck. Objects carry distinct creation times so "newest first" is checkable.
  function build(perKind: number) {
    const podIndex = pods();
    const deployIndex = newAttentionIndex(src('deployments'));
    for (let i = 0; i < perKind; i++) {
      const ns = `ns-${String(i % 250).padStart(3, '0')}`;
      const created = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      podIndex.apply('ADDED', pod(ns, `p-${i}`, i % 4 === 0 ? 'CrashLoopBackOff' : undefined, created));
      deployIndex.apply('ADDED', deployment(ns, `d-${i}`, i % 5 === 0));
    }
    return { podIndex, deployIndex };
  }
  const answer = (idx: ReturnType<typeof build>, readable: 'all' | Set<string>) =>
    combine(
      [idx.podIndex, idx.deployIndex].map((index, k) => {
        const t = index.summary(readable);
        return { ...t, top: index.top(readable, 20), workload: k === 1 };
      }),
      20,
      [],
      '2026-06-01T00:00:00Z',
    );

  it('counts every failing pod and stuck rollout, past any 1,000 cap', () => {
    const idx = build(5_000);
    const a = answer(idx, 'all');
    expect(a.categories.pods.count).toBe(1_250);
    expect(a.categories.stuck.count).toBe(1_000);
    expect(a.workloads).toBe(5_000);
    expect(a.categories.pods.items).toHaveLength(20);
    // Newest first: pod 4996 is the newest failing one (every 4th fails).
    expect(a.categories.pods.items[0]?.name).toBe('p-4996');
    expect(a.namespacesTotal).toBe(250);
    expect(a.namespaces.length).toBeLessThan(250);

    // The last object added, in the last namespace, is counted like the first.
    idx.podIndex.apply('MODIFIED', pod('ns-000', 'p-0'));
    expect(answer(idx, 'all').categories.pods.count).toBe(1_249);
  });

  it('a person with two namespaces gets the counts of those two only', () => {
    const a = answer(build(5_000), new Set(['ns-000', 'ns-002']));
    // Namespace k holds objects i = k + 250j (j < 20). ns-000: every Deployment stuck (i ≡ 0 mod 5),
    // pods failing for even j; ns-002: no Deployment stuck, pods failing for odd j.
    expect(a.workloads).toBe(40);
    expect(a.categories.stuck.count).toBe(20);
    expect(a.categories.pods.count).toBe(20);
    expect(a.namespaces.map((n) => n.namespace)).toEqual(['ns-000', 'ns-002']);
    const seen = new Set(a.categories.pods.items.map((i) => i.namespace));
    expect(seen).toEqual(new Set(['ns-000', 'ns-002']));
  });

  it('does not grow with the cluster: 5,000 objects answer in about the bytes of 1,000', () => {
    const small = JSON.stringify(answer(build(1_000), 'all')).length;
    const large = JSON.stringify(answer(build(5_000), 'all')).length;
    expect(large).toBeLessThan(small * 1.2);
  });
});
