import { describe, expect, it } from 'vitest';

import {
  activePressures,
  nodeConditionTone,
  nodeRoles,
  nodeStatusText,
  podRequestsAndLimits,
  sumAmounts,
  type PodResourcesLike,
} from './node-status';

const cond = (type: string, status: string) => ({ type, status });

describe('nodeStatusText (kubectl printNode)', () => {
  it('reads Ready, NotReady and Unknown from the Ready condition', () => {
    expect(nodeStatusText({ metadata: {}, status: { conditions: [cond('Ready', 'True')] } })).toBe('Ready');
    expect(nodeStatusText({ metadata: {}, status: { conditions: [cond('Ready', 'False')] } })).toBe('NotReady');
    expect(nodeStatusText({ metadata: {}, status: { conditions: [cond('Ready', 'Unknown')] } })).toBe('NotReady');
    expect(nodeStatusText({ metadata: {}, status: {} })).toBe('Unknown');
  });

  it('adds SchedulingDisabled to a cordoned node', () => {
    const node = { metadata: {}, spec: { unschedulable: true }, status: { conditions: [cond('Ready', 'True')] } };
    expect(nodeStatusText(node)).toBe('Ready,SchedulingDisabled');
  });
});

describe('nodeRoles', () => {
  it('collects node-role labels and the legacy kubernetes.io/role, sorted', () => {
    expect(
      nodeRoles({
        'node-role.kubernetes.io/worker': '',
        'node-role.kubernetes.io/control-plane': '',
        'kubernetes.io/role': 'ingress',
        'kubernetes.io/hostname': 'a',
      }),
    ).toBe('control-plane,ingress,worker');
    expect(nodeRoles({ 'kubernetes.io/hostname': 'a' })).toBe('<none>');
  });
});

describe('node condition tones', () => {
  it('is good when Ready is True and when a pressure is False; a pressure True is bad', () => {
    expect(nodeConditionTone(cond('Ready', 'True'))).toBe('green');
    expect(nodeConditionTone(cond('Ready', 'False'))).toBe('red');
    expect(nodeConditionTone(cond('MemoryPressure', 'False'))).toBe('green');
    expect(nodeConditionTone(cond('DiskPressure', 'True'))).toBe('red');
    expect(nodeConditionTone(cond('NetworkUnavailable', 'True'))).toBe('red');
    expect(nodeConditionTone(cond('PIDPressure', 'Unknown'))).toBe('amber');
  });

  it('lists the pressures that are on', () => {
    const node = {
      metadata: {},
      status: { conditions: [cond('Ready', 'True'), cond('MemoryPressure', 'True'), cond('DiskPressure', 'False')] },
    };
    expect(activePressures(node)).toEqual(['MemoryPressure']);
  });
});

describe('podRequestsAndLimits (kubectl resourcehelper)', () => {
  it('sums containers, takes the largest init container where it is larger, and adds overhead', () => {
    const pod: PodResourcesLike = {
      spec: {
        containers: [
          { resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
          { resources: { requests: { cpu: '100m' } } },
          {},
        ],
        initContainers: [{ resources: { requests: { cpu: '1', memory: '64Mi' }, limits: { memory: '1Gi' } } }],
        overhead: { cpu: '50m' },
      },
    };
    const { requests, limits } = podRequestsAndLimits(pod);
    expect(requests.cpu).toBeCloseTo(1.05);
    expect(requests.memory).toBe(256 * 2 ** 20);
    expect(limits.cpu).toBeCloseTo(0.55);
    expect(limits.memory).toBe(2 ** 30);
  });

  it('sums amounts across pods', () => {
    expect(sumAmounts([{ cpu: 0.2, memory: 10 }, { cpu: 0.3 }])).toEqual({ cpu: 0.5, memory: 10 });
  });
});
