import { describe, expect, it } from 'vitest';

import { handle, route, type MetricsProvider, type PodUsage } from './metrics-api';

const pods: PodUsage[] = [
  {
    name: 'web-1',
    namespace: 'shop',
    labels: { app: 'web' },
    creationTimestamp: '2024-05-01T10:00:00Z',
    containers: [{ name: 'web', cpuMillis: 123.456789, memoryBytes: 64 * 2 ** 20 }],
  },
  {
    name: 'api-1',
    namespace: 'shop',
    labels: { app: 'api' },
    creationTimestamp: '2024-05-01T10:00:00Z',
    containers: [{ name: 'api', cpuMillis: 10, memoryBytes: 2 ** 20 }],
  },
  {
    name: 'db-1',
    namespace: 'data',
    labels: { app: 'db' },
    creationTimestamp: '2024-05-01T10:00:00Z',
    containers: [{ name: 'db', cpuMillis: 300, memoryBytes: 2 ** 30 }],
  },
];

const provider: MetricsProvider = {
  pods: (ns) => pods.filter((p) => !ns || p.namespace === ns),
  nodes: () => [
    {
      name: 'wh-node-1',
      labels: { 'kubernetes.io/hostname': 'wh-node-1' },
      creationTimestamp: '2024-05-01T09:00:00Z',
      cpuMillis: 1500,
      memoryBytes: 4 * 2 ** 30,
    },
  ],
  now: () => Date.parse('2024-05-01T10:05:00.500Z'),
};

const get = (path: string, query = '') => handle(path, new URLSearchParams(query), provider);
type Body = {
  kind?: string;
  items?: { metadata: { name: string } }[];
  containers?: unknown;
  usage?: unknown;
  resources?: { name: string }[];
};

describe('metrics.k8s.io routing', () => {
  it.each([
    ['/apis/metrics.k8s.io/v1beta1', { kind: 'public' }],
    ['/apis/metrics.k8s.io/v1beta1/nodes', { kind: 'resource', resource: 'nodes', verb: 'list' }],
    [
      '/apis/metrics.k8s.io/v1beta1/nodes/wh-node-1',
      { kind: 'resource', resource: 'nodes', verb: 'get', name: 'wh-node-1' },
    ],
    ['/apis/metrics.k8s.io/v1beta1/pods', { kind: 'resource', resource: 'pods', verb: 'list' }],
    [
      '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods',
      { kind: 'resource', resource: 'pods', verb: 'list', namespace: 'shop' },
    ],
    [
      '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/web-1',
      { kind: 'resource', resource: 'pods', verb: 'get', namespace: 'shop', name: 'web-1' },
    ],
    ['/openapi/v2', undefined],
    ['/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/web-1/extra', undefined],
  ])('%s', (path, want) => {
    expect(route(path)).toEqual(want);
  });
});

describe('metrics.k8s.io responses', () => {
  it('serves discovery with nodes and pods', () => {
    const res = get('/apis/metrics.k8s.io/v1beta1');
    expect(res.status).toBe(200);
    expect((res.body as Body).resources?.map((r) => r.name)).toEqual(['nodes', 'pods']);
  });

  it('lists pods across and within namespaces, with a label selector', () => {
    expect((get('/apis/metrics.k8s.io/v1beta1/pods').body as Body).items).toHaveLength(3);
    const shop = get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods', 'labelSelector=app%20in%20(web)')
      .body as Body;
    expect(shop.kind).toBe('PodMetricsList');
    expect(shop.items?.map((i) => i.metadata.name)).toEqual(['web-1']);
  });

  it('gets one pod with metrics-server units', () => {
    const res = get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/web-1');
    expect(res.body).toMatchObject({
      metadata: { name: 'web-1', namespace: 'shop' },
      timestamp: '2024-05-01T10:05:00Z',
      window: '10s',
      containers: [{ name: 'web', usage: { cpu: '123456789n', memory: '65536Ki' } }],
    });
    expect(get('/apis/metrics.k8s.io/v1beta1/namespaces/data/pods/web-1').status).toBe(404);
  });

  it('serves node metrics', () => {
    expect(get('/apis/metrics.k8s.io/v1beta1/nodes/wh-node-1').body).toMatchObject({
      usage: { cpu: '1500000000n', memory: '4194304Ki' },
    });
    expect(get('/apis/metrics.k8s.io/v1beta1/nodes/nope').status).toBe(404);
  });

  it('answers 400 to a bad selector and 404 to unknown paths', () => {
    expect(get('/apis/metrics.k8s.io/v1beta1/pods', 'labelSelector=a%20b').status).toBe(400);
    expect(get('/openapi/v2').status).toBe(404);
  });
});
