import { describe, expect, it } from 'vitest';

import { limitRangeRows, limitRangesKind } from '@/lib/k8s/kinds/limitranges';
import { nodesKind, nodeTables, nodeTone } from '@/lib/k8s/kinds/nodes';
import { quotaTables, resourceQuotasKind } from '@/lib/k8s/kinds/resourcequotas';
import { allocationTable, type NodeResources } from '@/lib/k8s/node-resources';
import type { KubeObject } from '@/lib/k8s/object';

const meta = (name: string, namespace?: string) => ({
  name,
  namespace,
  uid: `uid-${name}`,
  resourceVersion: '1',
  creationTimestamp: '2026-01-01T00:00:00Z',
});

const node = {
  metadata: { ...meta('wh-node-1'), labels: { 'node-role.kubernetes.io/worker': '' } },
  spec: { unschedulable: true, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] },
  status: {
    addresses: [{ type: 'InternalIP', address: '10.0.0.5' }],
    capacity: { cpu: '4', memory: '16Gi', pods: '110' },
    allocatable: { cpu: '3800m', memory: '15Gi', pods: '110' },
    conditions: [
      { type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory' },
      { type: 'Ready', status: 'True' },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.20.2',
      osImage: 'Debian',
      kernelVersion: '5.10',
      containerRuntimeVersion: 'containerd://1.4.3',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  },
} as unknown as KubeObject;

describe('nodes', () => {
  const s = nodesKind.toSummary(node);

  it('summarises as kubectl get nodes -o wide', () => {
    expect(s).toMatchObject({
      status: 'Ready,SchedulingDisabled',
      roles: 'worker',
      version: 'v1.20.2',
      internalIP: '10.0.0.5',
      externalIP: '<none>',
      pressures: ['MemoryPressure'],
    });
    // Ready but under memory pressure is trouble, not green.
    expect(nodeTone(s)).toBe('red');
  });

  it('shows pressure, scheduling and the kubelet as facts with tones', () => {
    const facts = nodesKind.detail?.facts?.(node, s, { cluster: 'local' }) ?? [];
    const byLabel = Object.fromEntries(facts.map((f) => [f.label, f]));
    expect(byLabel.MemoryPressure).toMatchObject({ tone: 'red', value: 'Yes (KubeletHasInsufficientMemory)' });
    expect(byLabel.Scheduling?.tone).toBe('amber');
    expect(byLabel.Kubelet?.value).toBe('v1.20.2');
    expect(byLabel['OS / arch']?.value).toBe('linux/amd64');
  });

  it('tabulates taints and capacity against allocatable', () => {
    const [taints, capacity] = nodeTables(node);
    expect(taints?.rows).toEqual([['dedicated', 'db', 'NoSchedule']]);
    expect(capacity?.rows).toContainEqual(['cpu', '4', '3.8']);
    expect(capacity?.rows).toContainEqual(['memory', '16Gi', '15Gi']);
  });

  it('puts requests, limits and usage against allocatable as bars', () => {
    const r: NodeResources = {
      node: 'wh-node-1',
      allNamespaces: true,
      pods: [{ namespace: 'a', name: 'p', status: 'Running', ready: true, requests: {}, limits: {} }],
      requests: { cpu: 1.9, memory: 2 ** 30 },
      limits: { cpu: 7.6 },
      usage: { available: false, reason: 'Usage unavailable: no metrics.k8s.io.' },
    };
    const t = allocationTable({ cpu: '3800m', memory: '15Gi', pods: '110' }, r);
    expect(t.rows[0]).toEqual(['cpu', 'requests', '1.9', '3.8', '50%']);
    expect(t.rows[1]).toEqual(['cpu', 'limits', '7.6', '3.8', '200%']);
    expect(t.bars?.[0]?.used).toBe(1.9);
    expect(t.bars?.[0]?.total).toBeCloseTo(3.8);
    // No usage: no bar, and no made-up number.
    expect(t.rows[2]?.[2]).toBe('—');
    expect(t.bars?.[2]).toBeUndefined();
    expect(t.rows.at(-1)).toEqual(['pods', 'running', '1', '110', '1%']);
  });
});

const quota = {
  metadata: meta('compute', 'shop-backend'),
  spec: { hard: { 'requests.cpu': '1750m', pods: '20', 'limits.memory': '5Gi' } },
  status: {
    hard: { 'requests.cpu': '1750m', pods: '20', 'limits.memory': '5Gi' },
    used: { 'requests.cpu': '1420m', pods: '10', 'limits.memory': '3712Mi' },
  },
} as unknown as KubeObject;

describe('resource quotas', () => {
  it('prints REQUEST and LIMIT as kubectl does and finds the resource nearest its limit', () => {
    const s = resourceQuotasKind.toSummary(quota);
    expect(s.request).toBe('pods: 10/20, requests.cpu: 1420m/1750m');
    expect(s.limit).toBe('limits.memory: 3712Mi/5Gi');
    expect(s.highestResource).toBe('requests.cpu');
    expect(s.highest).toBeCloseTo(1420 / 1750);
  });

  it('draws used against hard as bars', () => {
    const [t] = quotaTables(quota);
    expect(t?.rows).toEqual([
      ['limits.memory', '3.6Gi', '5Gi'],
      ['pods', '10', '20'],
      ['requests.cpu', '1.42', '1.75'],
    ]);
    expect(t?.bars?.[2]?.used).toBeCloseTo(1.42);
    expect(t?.bars?.[2]?.total).toBeCloseTo(1.75);
  });

  it('reads a quota the controller has not synced yet as nothing used', () => {
    const fresh = { metadata: meta('new', 'a'), spec: { hard: { pods: '5' } } } as unknown as KubeObject;
    const s = resourceQuotasKind.toSummary(fresh);
    expect(s.request).toBe('pods: 0/5');
    expect(s.highest).toBe(0);
  });
});

describe('limit ranges', () => {
  it('tabulates limits per type and resource, "-" where unset', () => {
    const lr = {
      metadata: meta('defaults', 'shop-backend'),
      spec: {
        limits: [
          { type: 'Container', max: { cpu: '1' }, defaultRequest: { cpu: '50m', memory: '64Mi' } },
          { type: 'Pod', max: { memory: '2Gi' } },
        ],
      },
    } as unknown as KubeObject;
    expect(limitRangeRows(lr)).toEqual([
      ['Container', 'cpu', '-', '1', '50m', '-', '-'],
      ['Container', 'memory', '-', '-', '64Mi', '-', '-'],
      ['Pod', 'memory', '-', '2Gi', '-', '-', '-'],
    ]);
    expect(limitRangesKind.toSummary(lr).types).toBe('Container, Pod');
  });
});

describe('Namespace STATUS (printNamespace)', () => {
  it('prints status.phase as kubectl get namespaces does, amber while Terminating', async () => {
    const { namespacesKind } = await import('./namespaces');
    const obj = {
      metadata: { name: 'old', uid: 'u', resourceVersion: '1', deletionTimestamp: '2026-11-24T10:00:00Z' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Terminating' },
    };
    const s = namespacesKind.toSummary(obj);
    const status = namespacesKind.columns?.find((c) => c.id === 'status');
    expect(status?.value(s)).toBe('Terminating');
    expect(status?.tone?.(s)).toBe('amber');
    expect(namespacesKind.columns?.map((c) => c.title)).toEqual(['Status', 'Age']);
  });
});
