import { describe, expect, it } from 'vitest';

import { podSpecOf, referencesOf, usesOf } from '@/lib/k8s/pod-references';

const spec = {
  initContainers: [{ name: 'migrate', envFrom: [{ secretRef: { name: 'db' } }] }],
  containers: [
    {
      name: 'app',
      env: [
        { name: 'PLAIN', value: 'x' },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'MODE' } } },
        { name: 'PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: true } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      envFrom: [{ configMapRef: { name: 'flags' }, prefix: 'F_' }],
    },
  ],
  volumes: [
    { name: 'a', configMap: { name: 'settings' } },
    { name: 'b', secret: { secretName: 'tls' } },
    { name: 'c', emptyDir: {} },
    {
      name: 'd',
      projected: {
        sources: [{ configMap: { name: 'ca' } }, { secret: { name: 'token' } }, { serviceAccountToken: {} }],
      },
    },
  ],
  imagePullSecrets: [{ name: 'registry' }],
};

describe('referencesOf', () => {
  it('finds env, envFrom, volumes, projected sources and pull Secrets, in spec order', () => {
    expect(referencesOf(spec)).toEqual([
      { kind: 'Secret', name: 'db', via: 'envFrom', container: 'migrate' },
      { kind: 'ConfigMap', name: 'settings', via: 'env', container: 'app', key: 'MODE' },
      { kind: 'Secret', name: 'db', via: 'env', container: 'app', key: 'password', optional: true },
      { kind: 'ConfigMap', name: 'flags', via: 'envFrom', container: 'app' },
      { kind: 'ConfigMap', name: 'settings', via: 'volume' },
      { kind: 'Secret', name: 'tls', via: 'volume' },
      { kind: 'ConfigMap', name: 'ca', via: 'projected' },
      { kind: 'Secret', name: 'token', via: 'projected' },
      { kind: 'Secret', name: 'registry', via: 'imagePullSecret' },
    ]);
  });

  it('ignores malformed input instead of throwing', () => {
    expect(referencesOf(undefined)).toEqual([]);
    expect(
      referencesOf({ containers: 'nope', volumes: [null, 3, { secret: {} }, { configMap: { name: '' } }] }),
    ).toEqual([]);
    expect(referencesOf({ containers: [{ env: [{ valueFrom: { secretKeyRef: { key: 'k' } } }] }] })).toEqual([]);
  });

  it('says how a pod spec uses one object, once per way', () => {
    expect(usesOf(spec, 'ConfigMap', 'settings')).toEqual(['env MODE (app)', 'volume']);
    expect(usesOf(spec, 'Secret', 'db')).toEqual(['envFrom (migrate)', 'env password (app)']);
    expect(usesOf(spec, 'Secret', 'settings')).toEqual([]);
  });
});

describe('podSpecOf', () => {
  const meta = { name: 'x', uid: 'u', resourceVersion: '1' };
  it('reads pods, pod templates and CronJob job templates', () => {
    expect(podSpecOf({ kind: 'Pod', metadata: meta, spec })).toBe(spec);
    expect(podSpecOf({ kind: 'Deployment', metadata: meta, spec: { template: { spec } } })).toBe(spec);
    expect(
      podSpecOf({ kind: 'CronJob', metadata: meta, spec: { jobTemplate: { spec: { template: { spec } } } } }),
    ).toBe(spec);
    expect(podSpecOf({ kind: 'Service', metadata: meta, spec: { ports: [] } })).toBeUndefined();
  });
});
