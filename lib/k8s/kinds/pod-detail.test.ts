import { describe, expect, it } from 'vitest';

import type { KubeObject } from '@/lib/k8s/object';

import { envSources, podContainers, podFacts, podTables, probeText, volumeSource, type PodObject } from './pod-detail';

// A pod as a 1.29+ API server returns it: a native sidecar (init container with restartPolicy Always),
// a plain init container, probes, env from a ConfigMap and a Secret, and volumes of several kinds.
const pod = {
  metadata: {
    name: 'web-7d4b9c-x2x9q',
    namespace: 'shop',
    uid: 'u1',
    resourceVersion: '1',
    ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d4b9c', uid: 'rs', controller: true }],
  },
  spec: {
    nodeName: 'node-1',
    serviceAccountName: 'web',
    initContainers: [
      {
        name: 'migrate',
        image: 'web:1.2',
        env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
      },
      { name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' },
    ],
    containers: [
      {
        name: 'web',
        image: 'web:1.2',
        resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
        readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 3 },
        env: [
          { name: 'MODE', value: 'production-secret-looking-literal' },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        ],
        envFrom: [{ configMapRef: { name: 'web-config' } }, { secretRef: { name: 'web-secrets' }, prefix: 'S_' }],
      },
    ],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
      { name: 'cfg', configMap: { name: 'web-config' } },
      { name: 'tmp', emptyDir: { medium: 'Memory' } },
      { name: 'token', projected: { sources: [{ serviceAccountToken: {} }, { configMap: { name: 'ca' } }] } },
    ],
  },
  status: {
    qosClass: 'Burstable',
    podIP: '10.0.0.7',
    initContainerStatuses: [
      { name: 'migrate', ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
      { name: 'proxy', ready: true, restartCount: 2, state: { running: {} } },
    ],
    containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: {} } }],
  },
} as unknown as PodObject & KubeObject;

describe('pod detail', () => {
  it('lists init, sidecar and app containers in start order', () => {
    expect(podContainers(pod).map((c) => [c.name, c.role])).toEqual([
      ['migrate', 'init'],
      ['proxy', 'sidecar'],
      ['web', 'app'],
    ]);
  });

  it('prints probes as kubectl describe does', () => {
    expect(probeText({ httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 })).toBe(
      'http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3',
    );
    expect(probeText({ tcpSocket: { port: 8080 }, initialDelaySeconds: 3 })).toBe(
      'tcp-socket :8080 delay=3s timeout=1s period=10s #success=1 #failure=3',
    );
    expect(probeText({ exec: { command: ['cat', '/tmp/ready'] } })).toMatch(/^exec \[cat \/tmp\/ready\] /);
  });

  it('names environment sources and never a value', () => {
    const rows = envSources(pod.spec!.containers![0]!);
    expect(rows).toEqual([
      ['web', 'all keys', 'ConfigMap', 'web-config', ''],
      ['web', 'all keys (prefix S_)', 'Secret', 'web-secrets', ''],
      ['web', 'MODE', 'Literal', '(value not shown)', ''],
      ['web', 'POD_IP', 'Field', 'status.podIP', ''],
    ]);
    const all = JSON.stringify(podTables(pod));
    expect(all).not.toContain('production-secret-looking-literal');
    expect(all).toContain('"DB_PASSWORD","Secret","db","password"');
  });

  it('describes volumes by source', () => {
    expect(pod.spec!.volumes!.map((v) => volumeSource(v))).toEqual([
      'PersistentVolumeClaim web-data',
      'ConfigMap web-config',
      'EmptyDir (Memory)',
      'Projected: serviceAccountToken, configMap ca',
    ]);
  });

  it('shows requests and limits per container, and QoS, node and owner as linked facts', () => {
    const containers = podTables(pod).find((t) => t.id === 'containers')!;
    expect(containers.rows[2]).toEqual([
      'web',
      'container',
      'web:1.2',
      'running',
      'yes',
      '0',
      'cpu 250m, memory 128Mi',
      'memory 256Mi',
    ]);
    expect(containers.rows[1]?.slice(0, 2)).toEqual(['proxy', 'sidecar (init, always)']);
    const facts = podFacts(pod, { status: 'Running', tone: 'green', readyText: '2/2', restartsText: '2' }, 'local');
    expect(facts.find((f) => f.label === 'QoS class')?.value).toBe('Burstable');
    expect(facts.find((f) => f.label === 'Node')?.href).toBe('/c/local/nodes/node-1');
    expect(facts.find((f) => f.label === 'Controlled by')?.href).toBe('/c/local/workloads/replicasets/shop/web-7d4b9c');
  });
});
