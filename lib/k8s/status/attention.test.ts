import { describe, expect, it } from 'vitest';

import { attentionItems, categoryOf, compareAttention, daysLeft } from '@/lib/k8s/status/attention';

const NOW = '2026-06-01T00:00:00Z';
const empty = { deployments: [], statefulsets: [], daemonsets: [], pods: [], hpas: [], certificates: [], now: NOW };

describe('attentionItems', () => {
  it('puts the stuck rollout and crash-looping pods first, then warnings, then rollouts in progress', () => {
    const items = attentionItems({
      ...empty,
      deployments: [
        {
          namespace: 'shop-backend',
          name: 'payments',
          status: 'Stuck',
          statusMessage: 'exceeded its progress deadline',
          desired: 3,
          available: 3,
        },
        {
          namespace: 'shop-frontend',
          name: 'storefront',
          status: 'Progressing',
          statusMessage: 'rolling',
          desired: 2,
          available: 2,
        },
        {
          namespace: 'shop-backend',
          name: 'checkout',
          status: 'Complete',
          statusMessage: 'ok',
          desired: 3,
          available: 3,
        },
        {
          namespace: 'shop-backend',
          name: 'inventory',
          status: 'Degraded',
          statusMessage: 'x',
          desired: 2,
          available: 1,
        },
      ],
      pods: [
        { namespace: 'shop-backend', name: 'payments-abc', status: 'CrashLoopBackOff', restarts: 9 },
        { namespace: 'shop-backend', name: 'checkout-1', status: 'Running', restarts: 0 },
      ],
      hpas: [
        {
          namespace: 'shop-frontend',
          name: 'storefront',
          status: 'AtMax',
          statusMessage: 'at its maximum of 6 replicas',
        },
      ],
    });
    expect(items.map((i) => `${i.severity}:${i.kind}/${i.name}:${i.title}`)).toEqual([
      'critical:deployments/payments:Rollout stuck',
      'critical:pods/payments-abc:Crash-looping',
      'warning:deployments/inventory:Not fully available',
      'warning:horizontalpodautoscalers/storefront:Autoscaler at its maximum',
      'info:deployments/storefront:Rolling out',
    ]);
  });

  it('flags certificates expiring within 30 days, and expired ones as critical', () => {
    const cert = (name: string, notAfter: string) => ({ namespace: 'a', name, certificate: { notAfter } });
    const items = attentionItems({
      ...empty,
      certificates: [
        cert('healthy', '2026-07-31T00:00:00Z'),
        cert('soon', '2026-06-06T00:00:00Z'),
        cert('gone', '2026-05-29T00:00:00Z'),
        { namespace: 'a', name: 'broken' },
      ],
    });
    expect(items.map((i) => [i.name, i.severity, i.detail])).toEqual([
      ['gone', 'critical', 'expired 3 days ago'],
      ['soon', 'warning', 'expires in 5 days'],
    ]);
    expect(daysLeft('2026-06-01T12:00:00Z', NOW)).toBe(0);
  });
});

describe('attentionItems for failing pods (podHealth)', () => {
  it('raises every pod whose status is classified bad, not only CrashLoopBackOff', () => {
    const pod = (name: string, status: string, restarts = 0) => ({ namespace: 'ns', name, status, restarts });
    const items = attentionItems({
      ...empty,
      pods: [
        pod('pull', 'ImagePullBackOff'),
        pod('pull2', 'ErrImagePull'),
        pod('oom', 'OOMKilled', 2),
        pod('config', 'CreateContainerConfigError'),
        pod('init', 'Init:CrashLoopBackOff', 4),
        pod('loop', 'CrashLoopBackOff', 7),
        pod('ok', 'Running'),
        pod('starting', 'ContainerCreating'),
        pod('done', 'Completed'),
        // A failed Job's finished pod: red in tables, but the Job's Failed status is what needs a person.
        pod('job-pod', 'Error'),
        pod('exited', 'ExitCode:2'),
        pod('init-failed', 'Init:Error'),
      ],
    });
    expect(items.map((i) => [i.name, i.severity, i.title])).toEqual([
      ['config', 'critical', 'Container cannot be created'],
      ['init', 'critical', 'Init container crash-looping'],
      ['init-failed', 'critical', 'Init container failing'],
      ['loop', 'critical', 'Crash-looping'],
      ['oom', 'critical', 'Out of memory'],
      ['pull', 'critical', 'Image cannot be pulled'],
      ['pull2', 'critical', 'Image cannot be pulled'],
    ]);
    expect(items.find((i) => i.name === 'loop')?.detail).toBe('CrashLoopBackOff, 7 restarts');
  });
});

describe('categoryOf and compareAttention (the server summary)', () => {
  it('files each item under one category', () => {
    const of = (kind: string, title: string) => categoryOf({ kind, title });
    expect(of('deployments', 'Rollout stuck')).toBe('stuck');
    expect(of('statefulsets', 'Rolling out')).toBe('rolling');
    expect(of('daemonsets', 'Not fully available')).toBe('unavailable');
    expect(of('pods', 'Out of memory')).toBe('pods');
    expect(of('horizontalpodautoscalers', 'Autoscaler cannot scale')).toBe('autoscalers');
    expect(of('tls-secrets', 'Certificate expired')).toBe('certificates');
  });

  it('orders the most severe first, then the newest', () => {
    const item = (name: string, severity: 'critical' | 'warning', createdAt: string) =>
      ({ kind: 'pods', namespace: 'a', name, severity, title: 't', detail: '', createdAt }) as const;
    const sorted = [
      item('old-warning', 'warning', '2026-01-01T00:00:00Z'),
      item('old-critical', 'critical', '2026-01-01T00:00:00Z'),
      item('new-critical', 'critical', '2026-03-01T00:00:00Z'),
    ].sort(compareAttention);
    expect(sorted.map((i) => i.name)).toEqual(['new-critical', 'old-critical', 'old-warning']);
  });
});
