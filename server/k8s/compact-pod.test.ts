import { describe, expect, it } from 'vitest';

import { podsKind } from '@/lib/k8s/kinds/pods';
import { stripObject, type KubeObject } from '@/lib/k8s/object';
import { podSpecOf, referencesOf } from '@/lib/k8s/pod-references';
import { podRequestsAndLimits, type PodResourcesLike } from '@/lib/k8s/status/node-status';
import { cacheIndexes, cacheKeepsWhole, cacheTransform } from '@/server/k8s/cache';
import { compactPod, Interner } from '@/server/k8s/compact-pod';

// The compact pod (ADR 0027) must give every reader of the shared cache the answer the whole pod gives.

const t = '2026-11-20T10:00:00Z';
const cond = (type: string, status = 'True', reason?: string) => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime: t,
  ...(reason ? { reason, message: `${reason}: a long message the cache does not keep` } : {}),
});

const base = (name: string, spec: object, status: object, extra: object = {}): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: 'web-7d4b9c-',
      namespace: 'shop',
      uid: `uid-${name}`,
      resourceVersion: '42',
      creationTimestamp: t,
      labels: { app: 'web', 'pod-template-hash': '7d4b9c' },
      annotations: { 'checksum/config': 'abc', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7d4b9c',
          uid: 'rs',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: [{ manager: 'kube-controller-manager' }],
      ...extra,
    },
    spec,
    status,
  }) as unknown as KubeObject;

const fullSpec = {
  nodeName: 'node-1',
  serviceAccountName: 'web',
  imagePullSecrets: [{ name: 'registry' }],
  overhead: { cpu: '50m', memory: '32Mi' },
  readinessGates: [{ conditionType: 'example.com/lb-ready' }],
  tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
  initContainers: [
    {
      name: 'migrate',
      image: 'web:1.2',
      command: ['migrate'],
      resources: { requests: { cpu: '1', memory: '64Mi' } },
      env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
    },
    { name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always', resources: { limits: { cpu: '200m' } } },
  ],
  containers: [
    {
      name: 'web',
      image: 'web:1.2',
      ports: [{ containerPort: 8080 }],
      resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
      env: [
        { name: 'MODE', value: 'production-secret-looking-literal' },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'REGION', valueFrom: { configMapKeyRef: { name: 'cluster-info', key: 'region', optional: true } } },
      ],
      envFrom: [
        { configMapRef: { name: 'web-config' } },
        { secretRef: { name: 'web-secrets', optional: true }, prefix: 'S_' },
      ],
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/web' }],
    },
    { name: 'metrics', image: 'exporter:0.9' },
  ],
  ephemeralContainers: [
    {
      name: 'debugger',
      image: 'busybox',
      env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'debug', key: 'k' } } }],
    },
  ],
  volumes: [
    { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
    { name: 'cfg', configMap: { name: 'web-config', defaultMode: 420 } },
    { name: 'tls', secret: { secretName: 'web-tls', optional: true } },
    { name: 'tmp', emptyDir: { medium: 'Memory' } },
    {
      name: 'token',
      projected: {
        sources: [
          { serviceAccountToken: { path: 'token' } },
          { configMap: { name: 'ca' } },
          { secret: { name: 'extra' } },
        ],
      },
    },
  ],
};

const running = (name: string, restarts = 0) => ({
  name,
  ready: true,
  started: true,
  restartCount: restarts,
  image: 'web:1.2',
  imageID: 'web@sha256:0123',
  containerID: 'containerd://abc',
  state: { running: { startedAt: t } },
  lastState: restarts ? { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: t, finishedAt: t } } : {},
});

const pods: KubeObject[] = [
  base('healthy', fullSpec, {
    phase: 'Running',
    podIP: '10.0.0.7',
    podIPs: [{ ip: '10.0.0.7' }],
    hostIP: '192.168.0.1',
    qosClass: 'Burstable',
    startTime: t,
    conditions: [
      cond('Initialized'),
      cond('Ready'),
      cond('ContainersReady'),
      cond('PodScheduled'),
      cond('example.com/lb-ready'),
    ],
    initContainerStatuses: [
      {
        name: 'migrate',
        ready: false,
        restartCount: 0,
        state: { terminated: { reason: 'Completed', exitCode: 0, finishedAt: t } },
      },
      { ...running('proxy', 2), started: true },
    ],
    containerStatuses: [running('web'), running('metrics', 3)],
  }),
  base('crashing', fullSpec, {
    phase: 'Running',
    conditions: [cond('Initialized'), cond('Ready', 'False', 'ContainersNotReady'), cond('PodScheduled')],
    containerStatuses: [
      {
        name: 'web',
        ready: false,
        restartCount: 12,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-11-20T10:05:00Z' } },
      },
      {
        name: 'metrics',
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, signal: 9, finishedAt: t } },
      },
    ],
  }),
  base('init-failing', fullSpec, {
    phase: 'Pending',
    conditions: [cond('Initialized', 'False', 'ContainersNotInitialized'), cond('PodScheduled')],
    initContainerStatuses: [
      { name: 'migrate', ready: false, restartCount: 4, state: { waiting: { reason: 'ImagePullBackOff' } } },
    ],
  }),
  base(
    'gated',
    { containers: [{ name: 'web', image: 'web:1.2' }] },
    {
      phase: 'Pending',
      conditions: [cond('PodScheduled', 'False', 'SchedulingGated')],
    },
  ),
  base(
    'terminating',
    { nodeName: 'node-2', containers: [{ name: 'web', image: 'web:1.2' }] },
    { phase: 'Running', reason: 'NodeLost', nominatedNodeName: 'node-3', containerStatuses: [running('web')] },
    { deletionTimestamp: t },
  ),
  base('evicted', { containers: [{ name: 'web', image: 'web:1.2' }] }, { phase: 'Failed', reason: 'Evicted' }),
  base('bare', { containers: [] }, {}, { ownerReferences: undefined, labels: undefined }),
];

describe('compactPod', () => {
  const transform = cacheTransform('pods');
  const compact = (p: KubeObject) => transform!(stripObject(p))!;

  it('is what the shared cache keeps of a pod, and the detail reads the rest as the person', () => {
    expect(transform).toBeDefined();
    expect(cacheKeepsWhole('pods')).toBe(false);
    expect(cacheKeepsWhole('deployments')).toBe(true);
  });

  it.each(pods.map((p) => [p.metadata.name, p] as const))('gives %s the same summary', (_, pod) => {
    expect(podsKind.toSummary(compact(pod))).toEqual(podsKind.toSummary(stripObject(pod)));
    expect(podsKind.searchText(podsKind.toSummary(compact(pod)))).toBe(podsKind.searchText(podsKind.toSummary(pod)));
  });

  it.each(pods.map((p) => [p.metadata.name, p] as const))(
    'gives %s the same index keys, config references, requests and phase',
    (_, pod) => {
      const c = compact(pod);
      for (const [name, fn] of Object.entries(cacheIndexes(podsKind))) expect([name, fn(c)]).toEqual([name, fn(pod)]);
      expect(referencesOf(podSpecOf({ ...c, kind: 'Pod' }))).toEqual(referencesOf(podSpecOf({ ...pod, kind: 'Pod' })));
      expect(podRequestsAndLimits(c as unknown as PodResourcesLike)).toEqual(
        podRequestsAndLimits(pod as unknown as PodResourcesLike),
      );
      expect((c.status as { phase?: string } | undefined)?.phase).toBe((pod.status as { phase?: string }).phase);
    },
  );

  it('keeps no values, probes, annotations or managed fields', () => {
    const text = JSON.stringify(compact(pods[0]!));
    for (const gone of [
      'production-secret-looking-literal',
      'healthz',
      'checksum/config',
      'managedFields',
      'qosClass',
      'hostIP',
    ]) {
      expect(text).not.toContain(gone);
    }
  });

  it('shares equal parts of replicas, frozen, and the strings they repeat', () => {
    const i = new Interner();
    const a = compactPod(stripObject(pods[0]!), i);
    const b = compactPod(stripObject({ ...pods[0]!, metadata: { ...pods[0]!.metadata, name: 'other', uid: 'u2' } }), i);
    expect(b.metadata.labels).toBe(a.metadata.labels);
    expect(b.metadata.ownerReferences).toBe(a.metadata.ownerReferences);
    const specA = a.spec as { containers: unknown[]; volumes: unknown[] };
    const specB = b.spec as { containers: unknown[]; volumes: unknown[] };
    expect(specB.containers).toBe(specA.containers);
    expect(specB.volumes).toBe(specA.volumes);
    expect(Object.isFrozen(specA.containers[0])).toBe(true);
    expect(() => {
      'use strict';
      (a.metadata.labels as Record<string, string>).app = 'changed';
    }).toThrow(TypeError);
    // A container that exited has a time of its own: not shared.
    expect((b.status as { containerStatuses: unknown }).containerStatuses).not.toBe(
      (a.status as { containerStatuses: unknown }).containerStatuses,
    );
  });

  it('keeps its tables bounded', () => {
    const i = new Interner(3, 2);
    for (const s of ['a', 'b', 'c', 'd', 'e']) i.of(s);
    for (const v of [{ a: 1 }, { b: 2 }, { c: 3 }]) i.shared(v);
    expect(i.size).toBeLessThanOrEqual(5);
    const first = i.of('x'.repeat(20));
    expect(i.of('x'.repeat(20))).toBe(first);
  });
});
