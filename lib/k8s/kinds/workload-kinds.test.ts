import { describe, expect, it } from 'vitest';

import { kindById, kindIds } from '@/lib/k8s/kinds';
import { cronJobsKind } from '@/lib/k8s/kinds/cronjobs';
import { daemonSetsKind } from '@/lib/k8s/kinds/daemonsets';
import { deploymentsKind } from '@/lib/k8s/kinds/deployments';
import { eventsKind } from '@/lib/k8s/kinds/events';
import { horizontalPodAutoscalersKind } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import { ingressesKind } from '@/lib/k8s/kinds/ingresses';
import { jobsKind } from '@/lib/k8s/kinds/jobs';
import { replicaSetsKind } from '@/lib/k8s/kinds/replicasets';
import { servicesKind } from '@/lib/k8s/kinds/services';
import { statefulSetsKind } from '@/lib/k8s/kinds/statefulsets';
import type { KubeObject } from '@/lib/k8s/object';

const meta = (name: string, extra: Partial<KubeObject['metadata']> = {}) => ({
  name,
  namespace: 'shop-backend',
  uid: `uid-${name}`,
  resourceVersion: '7',
  creationTimestamp: '2026-01-01T00:00:00Z',
  generation: 3,
  ...extra,
});
const template = (image: string) => ({ template: { spec: { containers: [{ name: 'app', image }] } } });

describe('kind registry', () => {
  it('knows every workload-related kind, with owner indexes where lookups go through owners', () => {
    for (const id of [
      'statefulsets',
      'daemonsets',
      'replicasets',
      'jobs',
      'cronjobs',
      'events',
      'services',
      'ingresses',
      'horizontalpodautoscalers',
      'controllerrevisions',
    ]) {
      expect(kindIds).toContain(id);
    }
    expect(kindById('replicasets')?.indexes).toContain('owner');
    expect(kindById('jobs')?.indexes).toContain('owner');
    expect(kindById('controllerrevisions')?.indexes).toContain('owner');
    expect(kindById('pods')?.indexes).toContain('owner');
  });

  it('lets discovery choose between old and new API versions', () => {
    expect(cronJobsKind.versions).toEqual(['v1', 'v1beta1']);
    expect(horizontalPodAutoscalersKind.versions).toEqual(['v2', 'v2beta2']);
  });
});

describe('workload summaries', () => {
  it('summarises the stuck payments Deployment with its rollout fields', () => {
    const s = deploymentsKind.toSummary({
      metadata: meta('payments', { annotations: { 'deployment.kubernetes.io/revision': '3' } }),
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'payments' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        progressDeadlineSeconds: 60,
        ...template('registry.example.test/shop/payments:2.1.0-crashloop'),
      },
      status: {
        observedGeneration: 3,
        replicas: 4,
        updatedReplicas: 1,
        readyReplicas: 3,
        availableReplicas: 3,
        conditions: [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "payments-x" has timed out progressing.',
          },
        ],
      },
    });
    expect(s).toMatchObject({
      ready: '3/3',
      upToDate: 1,
      available: 3,
      replicas: 4,
      status: 'Stuck',
      revision: '3',
      strategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 },
      selector: { app: 'payments' },
      images: ['registry.example.test/shop/payments:2.1.0-crashloop'],
    });
    expect(s.conditions.find((c) => c.type === 'Progressing')?.reason).toBe('ProgressDeadlineExceeded');
    expect(deploymentsKind.columns?.map((c) => c.title)).toEqual([
      'Status',
      'Ready',
      'Up-to-date',
      'Available',
      'Images',
      'Age',
    ]);
  });

  it('summarises StatefulSets and DaemonSets with kubectl columns', () => {
    const sts = statefulSetsKind.toSummary({
      metadata: meta('postgres'),
      spec: {
        replicas: 2,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        ...template('postgres:13.11'),
      },
      status: {
        observedGeneration: 3,
        readyReplicas: 2,
        updatedReplicas: 2,
        currentRevision: 'postgres-b',
        updateRevision: 'postgres-b',
      },
    });
    expect(sts).toMatchObject({
      ready: '2/2',
      upToDate: 2,
      partition: 0,
      updateRevision: 'postgres-b',
      status: 'Complete',
    });
    const ds = daemonSetsKind.toSummary({
      metadata: meta('log-shipper'),
      spec: template('fluent/fluent-bit:2.1.8'),
      status: {
        observedGeneration: 3,
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 3,
        updatedNumberScheduled: 2,
        numberAvailable: 3,
      },
    });
    expect(ds).toMatchObject({
      desired: 3,
      current: 3,
      readyCount: 3,
      upToDate: 2,
      available: 3,
      nodeSelector: '<none>',
      status: 'Progressing',
    });
  });

  // mirrors kubernetes/kubernetes pkg/printers/internalversion/printers.go printDaemonSet, v1.31:
  // NODE SELECTOR is labels.FormatLabels(nodeSelector), i.e. keys sorted.
  it('prints the DaemonSet node selector key-sorted, as kubectl', () => {
    const ds = daemonSetsKind.toSummary({
      metadata: meta('agent'),
      spec: {
        template: {
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd', 'a.example/zone': 'b' },
            containers: [{ name: 'app', image: 'agent:1' }],
          },
        },
      },
      status: {},
    });
    expect(ds.nodeSelector).toBe('a.example/zone=b,disktype=ssd,kubernetes.io/os=linux');
  });

  it('summarises ReplicaSets with owner and revision, Jobs with completions and owner', () => {
    const rs = replicaSetsKind.toSummary({
      metadata: meta('payments-7c9f4cccb4', {
        annotations: { 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'payments 2.0.1' },
        ownerReferences: [{ kind: 'Deployment', name: 'payments', uid: 'uid-payments', controller: true }],
      }),
      spec: { replicas: 3, ...template('payments:2.0.1') },
      status: { replicas: 3, readyReplicas: 3, availableReplicas: 3 },
    });
    expect(rs).toMatchObject({
      desired: 3,
      current: 3,
      readyCount: 3,
      revision: '2',
      changeCause: 'payments 2.0.1',
      owner: { kind: 'Deployment', name: 'payments' },
    });
    const job = jobsKind.toSummary({
      metadata: meta('nightly-report-backfill-1', {
        ownerReferences: [{ kind: 'CronJob', name: 'nightly-report', uid: 'c', controller: true }],
      }),
      spec: { completions: 1 },
      status: {
        succeeded: 1,
        startTime: '2026-01-01T00:00:00Z',
        completionTime: '2026-01-01T00:00:05Z',
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    });
    expect(job).toMatchObject({
      completions: '1/1',
      duration: '5s',
      status: 'Complete',
      owner: { kind: 'CronJob', name: 'nightly-report' },
    });
  });

  it('summarises CronJobs, HPAs, Services, Ingresses and Events', () => {
    expect(
      cronJobsKind.toSummary({
        metadata: meta('nightly-report'),
        spec: { schedule: '*/5 * * * *' },
        status: { active: [{}] },
      }),
    ).toMatchObject({ schedule: '*/5 * * * *', suspend: false, active: 1, status: 'Active' });
    const hpa = horizontalPodAutoscalersKind.toSummary({
      metadata: meta('storefront'),
      spec: {
        minReplicas: 2,
        maxReplicas: 6,
        scaleTargetRef: { kind: 'Deployment', name: 'storefront' },
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        ],
      },
      status: {
        currentReplicas: 6,
        desiredReplicas: 6,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 140 } } }],
      },
    });
    expect(hpa).toMatchObject({
      target: { kind: 'Deployment', name: 'storefront' },
      targets: ['cpu: 140%/60%'],
      status: 'AtMax',
    });
    expect(
      servicesKind.toSummary({
        metadata: meta('payments'),
        spec: {
          type: 'ClusterIP',
          clusterIP: '10.96.0.9',
          selector: { app: 'payments' },
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      }),
    ).toMatchObject({ clusterIP: '10.96.0.9', ports: '80/TCP', externalIP: '<none>', selector: { app: 'payments' } });
    const ing = ingressesKind.toSummary({
      metadata: meta('payments'),
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['payments.shop.example.test'], secretName: 'payments-tls' }],
        rules: [
          { host: 'payments.shop.example.test', http: { paths: [{ backend: { service: { name: 'payments' } } }] } },
        ],
      },
    });
    expect(ing).toMatchObject({
      className: 'nginx',
      hosts: ['payments.shop.example.test'],
      backends: ['payments'],
      tlsSecrets: ['payments-tls'],
    });
    const ev = eventsKind.toSummary({
      metadata: meta('payments.1'),
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      involvedObject: { kind: 'Pod', name: 'payments-abc', namespace: 'shop-backend' },
      count: 12,
      lastTimestamp: '2026-01-01T00:05:00Z',
    } as KubeObject);
    expect(ev).toMatchObject({
      type: 'Warning',
      reason: 'BackOff',
      count: 12,
      involved: { kind: 'Pod', name: 'payments-abc' },
    });
    expect(eventsKind.searchText(ev)).toContain('pod/payments-abc');
  });

  it('sorts events warnings first, newest first', () => {
    const e = (name: string, type: string, lastTimestamp: string) =>
      eventsKind.toSummary({ metadata: meta(name), type, lastTimestamp } as KubeObject);
    const list = [
      e('a', 'Normal', '2026-01-01T00:09:00Z'),
      e('b', 'Warning', '2026-01-01T00:01:00Z'),
      e('c', 'Warning', '2026-01-01T00:02:00Z'),
    ];
    const cmp = eventsKind.sorts.attention;
    expect(cmp && list.sort(cmp).map((x) => x.name)).toEqual(['c', 'b', 'a']);
  });
});
