import { describe, expect, it } from 'vitest';

import { describeBehavior, explainHpaCondition, hpaDetails, hpaMetrics, hpaStatus } from '@/lib/k8s/status/hpa-status';

const hpa = (
  current: number,
  desired: number,
  conditions: { type: string; status: string; reason?: string }[] = [],
) => ({
  spec: { minReplicas: 2, maxReplicas: 6, scaleTargetRef: { kind: 'Deployment', name: 'storefront' } },
  status: { currentReplicas: current, desiredReplicas: desired, conditions },
});

describe('hpaStatus', () => {
  it('is AtMax when it wants its maximum or the controller says TooManyReplicas', () => {
    expect(hpaStatus(hpa(6, 6)).word).toBe('AtMax');
    expect(hpaStatus(hpa(5, 5, [{ type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas' }])).word).toBe(
      'AtMax',
    );
  });

  it('is AtMin at its minimum, Scaling while moving, Healthy in between', () => {
    expect(hpaStatus(hpa(2, 2)).word).toBe('AtMin');
    expect(hpaStatus(hpa(2, 4))).toMatchObject({ word: 'Scaling', message: 'scaling from 2 to 4 replicas' });
    expect(hpaStatus(hpa(4, 4)).word).toBe('Healthy');
  });

  it('is Unable when the controller cannot scale or read metrics', () => {
    const s = hpaStatus(hpa(2, 2, [{ type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric' }]));
    expect(s).toMatchObject({ word: 'Unable', message: 'FailedGetResourceMetric' });
  });
});

// The seeded storefront HPA as the v1.20 controller writes it (autoscaling/v2beta2).
const storefront = {
  spec: {
    minReplicas: 2,
    maxReplicas: 6,
    scaleTargetRef: { kind: 'Deployment', name: 'storefront', apiVersion: 'apps/v1' },
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
  },
  status: {
    currentReplicas: 6,
    desiredReplicas: 6,
    lastScaleTime: '2026-11-21T14:44:40Z',
    currentMetrics: [
      { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 157, averageValue: '157m' } } },
    ],
    conditions: [
      { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' },
      { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
      { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas' },
    ],
  },
};

describe('hpaDetails', () => {
  it('explains each condition in words', () => {
    const d = hpaDetails(storefront);
    expect(d.conditions.map((c) => [c.type, c.tone])).toEqual([
      ['AbleToScale', 'good'],
      ['ScalingActive', 'good'],
      ['ScalingLimited', 'warn'],
    ]);
    expect(d.conditions[2]?.explanation).toContain('maximum of 6');
    expect(d.lastScaleTime).toBe('2026-11-21T14:44:40Z');
  });

  it('says why scaling is inactive, and falls back to the condition for unknown reasons', () => {
    const failed = explainHpaCondition(
      { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric' },
      { min: 1, max: 3 },
    );
    expect(failed).toMatchObject({ tone: 'bad' });
    expect(failed.explanation).toContain('metrics.k8s.io');
    expect(
      explainHpaCondition({ type: 'AbleToScale', status: 'False', reason: 'Novel' }, { min: 1, max: 3 }),
    ).toMatchObject({
      tone: 'bad',
      explanation: 'It cannot scale the target right now.',
    });
    expect(
      explainHpaCondition({ type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas' }, { min: 2, max: 3 })
        .explanation,
    ).toContain('minimum of 2');
  });

  it('pairs each metric with its current value by type and name', () => {
    const metrics = hpaMetrics({
      spec: {
        metrics: [
          { type: 'Resource', resource: { name: 'memory', target: { averageUtilization: 80 } } },
          ...storefront.spec.metrics,
          { type: 'Pods', pods: { metric: { name: 'rps' }, target: { averageValue: '10' } } },
        ],
      },
      status: { currentMetrics: storefront.status.currentMetrics },
    });
    expect(metrics).toEqual([
      {
        name: 'memory',
        type: 'Resource',
        target: '80% of requests',
        current: '<unknown>',
        targetPercent: 80,
        currentPercent: undefined,
        chart: 'memory-utilization',
      },
      {
        name: 'cpu',
        type: 'Resource',
        target: '60% of requests',
        current: '157%',
        targetPercent: 60,
        currentPercent: 157,
        chart: 'cpu-utilization',
      },
      {
        name: 'rps',
        type: 'Pods',
        target: '10 per pod',
        current: '<unknown>',
        targetPercent: undefined,
        currentPercent: undefined,
        chart: undefined,
      },
    ]);
  });

  it('describes the behaviour, with Kubernetes defaults when none is set', () => {
    const d = describeBehavior(undefined);
    expect(d.scaleUp).toBe(
      'May add up to 100% of the current replicas per 15 s or 4 pods per 15 s (whichever is more); no stabilization window (Kubernetes defaults).',
    );
    expect(d.scaleDown).toContain('highest recommendation of the last 300 s');
    const custom = describeBehavior({
      scaleDown: { selectPolicy: 'Disabled' },
      scaleUp: { stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
    });
    expect(custom).toEqual({
      scaleUp: 'May add up to 1 pod per 60 s; acts on the lowest recommendation of the last 60 s.',
      scaleDown: 'Never scales down.',
    });
  });
});
