import { describe, expect, it } from 'vitest';

import { horizontalPodAutoscalersKind } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import type { KubeObject } from '@/lib/k8s/object';
import { hpaMetrics } from '@/lib/k8s/status/hpa-status';

// mirrors kubernetes/kubernetes pkg/printers/internalversion/printers.go formatHPAMetrics, v1.31
// (printHorizontalPodAutoscaler's TARGETS; statuses are matched to specs by position, as there).
// Fixtures: autoscaling/v2 objects as a v1.31 HPA controller writes them.
const hpa = (metrics: unknown[], currentMetrics: unknown[]) =>
  horizontalPodAutoscalersKind.toSummary({
    metadata: { uid: 'u', name: 'h', namespace: 'ns', resourceVersion: '1' },
    spec: { minReplicas: 1, maxReplicas: 10, scaleTargetRef: { kind: 'Deployment', name: 'web' }, metrics },
    status: { currentReplicas: 2, desiredReplicas: 2, currentMetrics },
  } as unknown as KubeObject);
const targets = (s: ReturnType<typeof hpa>) =>
  horizontalPodAutoscalersKind.columns?.find((c) => c.id === 'targets')?.value(s);

const pods = {
  type: 'Pods',
  pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '500m' } },
};
const podsNow = { type: 'Pods', pods: { metric: { name: 'rps' }, current: { averageValue: '150m' } } };
const external = (avg: boolean) => ({
  type: 'External',
  external: {
    metric: { name: 'queue', selector: { matchLabels: { q: 'jobs' } } },
    target: avg ? { type: 'AverageValue', averageValue: '10' } : { type: 'Value', value: '30' },
  },
});
const object = {
  type: 'Object',
  object: {
    metric: { name: 'hits' },
    describedObject: { kind: 'Ingress', name: 'main', apiVersion: 'networking.k8s.io/v1' },
    target: { type: 'Value', value: '2k' },
  },
};
const containerCpu = {
  type: 'ContainerResource',
  containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization' } },
};

describe('HPA TARGETS (formatHPAMetrics, v1.31)', () => {
  it('prints current/target for Pods and External metrics, with (avg) for average values', () => {
    const s = hpa(
      [pods, external(true)],
      [podsNow, { type: 'External', external: { metric: { name: 'queue' }, current: { averageValue: '2' } } }],
    );
    expect(targets(s)).toBe('150m/500m, 2/10 (avg)');
  });

  it('prints <unknown> for a missing current, <auto> for an unset utilization, and + N more... after two', () => {
    const s = hpa([object, containerCpu, external(false), pods], []);
    expect(s.targets).toEqual(['<unknown>/2k', 'cpu: <unknown>/<auto>', '<unknown>/30', '<unknown>/500m']);
    expect(targets(s)).toBe('<unknown>/2k, cpu: <unknown>/<auto> + 2 more...');
  });

  it('prints <none> without metrics', () => {
    expect(targets(hpa([], []))).toBe('<none>');
  });
});

describe('hpaMetrics: current matched by type, name and selector', () => {
  it('shows each External metric its own value when two share a name', () => {
    const spec = (q: string, v: string) => ({
      type: 'External',
      external: {
        metric: { name: 'queue', selector: { matchLabels: { q } } },
        target: { type: 'Value', value: v },
      },
    });
    const cur = (q: string, v: string) => ({
      type: 'External',
      external: { metric: { name: 'queue', selector: { matchLabels: { q } } }, current: { value: v } },
    });
    const m = hpaMetrics({
      spec: { metrics: [spec('a', '10'), spec('b', '20')] },
      status: { currentMetrics: [cur('b', '7'), cur('a', '3')] },
    });
    expect(m.map((x) => x.current)).toEqual(['3', '7']);
  });
});
