import { describe, expect, it } from 'vitest';

import { nodeManifest, nodeNames, nodeStatus, taintsToKeep } from './nodes';

const cap = { cpu: '8', memory: '32Gi', pods: '250' };
const T = Date.parse('2024-05-01T10:00:00Z');

describe('nodes', () => {
  it('names nodes from 1', () => {
    expect(nodeNames(3)).toEqual(['wh-node-1', 'wh-node-2', 'wh-node-3']);
  });

  it('reports a fresh Ready condition with the kubelet version and loopback address', () => {
    const s = nodeStatus('wh-node-1', cap, T + 10_000, T);
    expect(s.conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'True',
      lastHeartbeatTime: '2024-05-01T10:00:10Z',
      lastTransitionTime: '2024-05-01T10:00:00Z',
    });
    expect(s.nodeInfo.kubeletVersion).toBe('v1.20.2');
    expect(s.addresses).toContainEqual({ type: 'InternalIP', address: '127.0.0.1' });
    expect(s.allocatable).toMatchObject(cap);
  });

  it('labels nodes with hostname and zone', () => {
    expect(nodeManifest('wh-node-2', 1, cap, T).metadata.labels).toMatchObject({
      'kubernetes.io/hostname': 'wh-node-2',
      'topology.kubernetes.io/zone': 'local-b',
    });
  });

  it('drops only the not-ready taints', () => {
    expect(taintsToKeep(undefined)).toBeUndefined();
    expect(taintsToKeep([{ key: 'dedicated', effect: 'NoSchedule' }])).toBeUndefined();
    expect(
      taintsToKeep([
        { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
        { key: 'dedicated', effect: 'NoSchedule' },
      ]),
    ).toEqual([{ key: 'dedicated', effect: 'NoSchedule' }]);
  });
});
