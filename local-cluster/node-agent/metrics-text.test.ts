import { describe, expect, it } from 'vitest';

import { renderCadvisor, renderKubeState, type MetricsView } from './metrics-text';
import { toPodRecord } from './pod-record';
import { runOf } from './timeline';
import type { RawPod } from './types';

const T0 = Date.parse('2024-05-01T10:00:00Z');

function pod(name: string, over: Partial<RawPod['metadata']> = {}, image = 'nginx:1.25'): RawPod {
  return {
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-6d4f', controller: true }],
      ...over,
    },
    spec: {
      nodeName: 'wh-node-1',
      containers: [
        { name: 'web', image, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1' } } },
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.244.0.7',
      hostIP: '127.0.0.1',
      containerStatuses: [{ name: 'web', restartCount: 2 } as never],
    },
  };
}

function view(now: number, pods: RawPod[] = [pod('web-1')]): MetricsView {
  return {
    pods: pods.map((p) => toPodRecord(p, true)),
    startOf: () => T0,
    replicaSets: [
      { namespace: 'shop', name: 'web-6d4f', owners: [{ kind: 'Deployment', name: 'web', controller: true }] },
      { namespace: 'shop', name: 'orphan', owners: [] },
    ],
    now,
  };
}

function value(text: string, prefix: string): number {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`no line starting with ${prefix}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('cAdvisor series', () => {
  it('exposes a growing CPU counter and memory with cAdvisor labels', () => {
    const a = renderCadvisor(view(T0 + 60_000));
    const b = renderCadvisor(view(T0 + 120_000));
    const series =
      'container_cpu_usage_seconds_total{container="web",image="nginx:1.25",name="k8s_web_web-1_shop_uid-web-1_0",namespace="shop",pod="web-1"}';
    expect(a).toContain('# TYPE container_cpu_usage_seconds_total counter');
    const rate = (value(b, series) - value(a, series)) / 60;
    expect(rate).toBeGreaterThan(0.05 * 0.7);
    expect(rate).toBeLessThan(0.05 * 1.35);
    expect(value(a, 'container_memory_working_set_bytes{')).toBeGreaterThan(50e6);
  });

  it('has no usage for a container in crash-loop back-off', () => {
    const crash = pod('crash', { annotations: { 'sim.wheelhouse.dev/crash-loop': 'true' } });
    expect(renderCadvisor(view(T0 + 5000, [crash]))).not.toContain('pod="crash"');
    // Running again a second into its first restart (10 s back-off and the pod worker's sync jitter).
    const restart = runOf(toPodRecord(crash, false).behaviour.containers[0]!, T0, 1).startedAt;
    expect(renderCadvisor(view(restart + 1000, [crash]))).toContain('name="k8s_web_crash_shop_uid-crash_1"');
  });
});

describe('kube-state series', () => {
  const text = renderKubeState(view(T0));

  it('has owners, requests, limits, restarts and info', () => {
    expect(text).toContain(
      'kube_pod_owner{namespace="shop",pod="web-1",owner_kind="ReplicaSet",owner_name="web-6d4f",owner_is_controller="true"} 1',
    );
    expect(text).toContain(
      'kube_pod_container_resource_requests{namespace="shop",pod="web-1",container="web",node="wh-node-1",resource="cpu",unit="core"} 0.1',
    );
    expect(text).toContain(
      'kube_pod_container_resource_requests{namespace="shop",pod="web-1",container="web",node="wh-node-1",resource="memory",unit="byte"} 134217728',
    );
    expect(text).toContain(
      'kube_pod_container_resource_limits{namespace="shop",pod="web-1",container="web",node="wh-node-1",resource="cpu",unit="core"} 1',
    );
    expect(text).not.toContain(
      'kube_pod_container_resource_limits{namespace="shop",pod="web-1",container="web",node="wh-node-1",resource="memory"',
    );
    expect(text).toContain('kube_pod_container_status_restarts_total{namespace="shop",pod="web-1",container="web"} 2');
    expect(text).toMatch(
      /kube_pod_info\{namespace="shop",pod="web-1",uid="uid-web-1",host_ip="127.0.0.1",pod_ip="10.244.0.7",node="wh-node-1",created_by_kind="ReplicaSet",created_by_name="web-6d4f",/,
    );
  });

  it('has ReplicaSet owners, with <none> for orphans', () => {
    expect(text).toContain(
      'kube_replicaset_owner{namespace="shop",replicaset="web-6d4f",owner_kind="Deployment",owner_name="web",owner_is_controller="true"} 1',
    );
    expect(text).toContain(
      'kube_replicaset_owner{namespace="shop",replicaset="orphan",owner_kind="<none>",owner_name="<none>",owner_is_controller="<none>"} 1',
    );
  });

  it('keeps each family contiguous with one TYPE line', () => {
    const names = text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.slice(0, l.indexOf('{')));
    const order = names.filter((n, i) => n !== names[i - 1]);
    expect(new Set(order).size).toBe(order.length);
    expect(text.match(/# TYPE kube_pod_owner /g)).toHaveLength(1);
  });

  it('renders 10k pods quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => pod(`web-${i}`));
    const v = view(T0 + 60_000, many);
    const started = performance.now();
    const out = renderCadvisor(v) + renderKubeState(v);
    const ms = performance.now() - started;
    expect(out.length).toBeGreaterThan(1_000_000);
    expect(ms).toBeLessThan(3000);
  });
});

describe('pods left out of the Prometheus text', () => {
  it('skips pods labelled sim.wheelhouse.dev/metrics=off in both halves, and keeps the others', () => {
    const v = view(T0 + 60_000, [pod('web-1'), pod('filler-1', { labels: { 'sim.wheelhouse.dev/metrics': 'off' } })]);
    const text = renderCadvisor(v) + renderKubeState(v);
    expect(text).toContain('web-1');
    expect(text).not.toContain('filler-1');
  });
});
