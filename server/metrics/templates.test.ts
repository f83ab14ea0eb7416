import { describe, expect, it } from 'vitest';

import { metricsQuerySchema } from '@/lib/metrics/types';

import { promString, templateQueries, workloadPods } from './templates';

describe('promString', () => {
  it('escapes quotes, backslashes and newlines so a value cannot leave its matcher', () => {
    expect(promString('a"} or vector(1) #')).toBe('"a\\"} or vector(1) #"');
    expect(promString('back\\slash\nline')).toBe('"back\\\\slash\\nline"');
  });
});

describe('templateQueries', () => {
  const pod = { kind: 'pod', namespace: 'shop-frontend', name: 'storefront-abc-123' } as const;
  const deployment = { kind: 'deployment', namespace: 'shop-frontend', name: 'storefront' } as const;

  it('scopes pod queries by namespace and pod and drops the pod-level cgroup series', () => {
    const cpu = templateQueries('cpu', pod, 20);
    expect(cpu.unit).toBe('cores');
    expect(cpu.series.map((s) => s.id)).toEqual(['usage', 'requests', 'limits']);
    expect(cpu.series[0]?.promql).toBe(
      'sum(rate(container_cpu_usage_seconds_total{namespace="shop-frontend",pod="storefront-abc-123",container!="",image!=""}[20s]))',
    );
    expect(cpu.series[1]?.promql).toContain('resource="cpu"');
  });

  it('finds a Deployment’s pods through its ReplicaSets', () => {
    const pods = workloadPods(deployment);
    expect(pods).toContain('kube_pod_owner{namespace="shop-frontend",owner_kind="ReplicaSet"}');
    expect(pods).toContain(
      'kube_replicaset_owner{namespace="shop-frontend",owner_kind="Deployment",owner_name="storefront"}',
    );
    const memory = templateQueries('memory', deployment, 20);
    expect(memory.series[0]?.promql).toContain(`* on (namespace, pod) group_left() ${pods}`);
  });

  it('finds StatefulSet and DaemonSet pods by their owner directly', () => {
    expect(workloadPods({ kind: 'statefulset', namespace: 'data-platform', name: 'postgres' })).toBe(
      'max by (namespace, pod) (kube_pod_owner{namespace="data-platform",owner_kind="StatefulSet",owner_name="postgres"})',
    );
  });

  it('uses the planned window for rates and increases', () => {
    expect(templateQueries('restarts', deployment, 45).series[0]?.promql).toContain('[45s]');
    expect(templateQueries('cpu-utilization', deployment, 45).series[0]?.promql).toMatch(
      /^100 \* sum\(rate\(.*\[45s\]/,
    );
  });
});

describe('metricsQuerySchema', () => {
  const valid = { template: 'cpu', kind: 'deployment', namespace: 'shop-frontend', name: 'storefront' };

  it('accepts Kubernetes names and defaults the range', () => {
    expect(metricsQuerySchema.parse(valid)).toMatchObject({ range: '1h', points: 240 });
  });

  it.each([
    ['a PromQL injection in the name', { name: 'x"} or vector(1)' }],
    ['an upper-case namespace', { namespace: 'Shop' }],
    ['a dotted namespace', { namespace: 'a.b' }],
    ['an unknown template', { template: 'raw' }],
    ['an unknown range', { range: '30d' }],
    ['too many points', { points: '100000' }],
    ['per-container metrics of a workload', { template: 'container-cpu' }],
  ])('rejects %s', (_what, change) => {
    expect(metricsQuerySchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});

describe('per-container templates', () => {
  it('sum by container over one pod, without the pod-level cgroup series', () => {
    const q = templateQueries('container-memory', { kind: 'pod', namespace: 'a', name: 'web-1' }, 60);
    expect(q.unit).toBe('bytes');
    expect(q.series).toEqual([
      expect.objectContaining({
        splitBy: 'container',
        promql:
          'sum by (container) (container_memory_working_set_bytes{namespace="a",pod="web-1",container!="",image!=""})',
      }),
    ]);
  });

  it('are accepted for a pod', () => {
    const pod = { template: 'container-cpu', kind: 'pod', namespace: 'a', name: 'web-1' };
    expect(metricsQuerySchema.safeParse(pod).success).toBe(true);
  });
});
