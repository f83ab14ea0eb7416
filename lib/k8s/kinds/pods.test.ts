import { describe, expect, it } from 'vitest';

import { podsKind, podTone } from '@/lib/k8s/kinds/pods';
import { POD_NEEDS_ATTENTION_QUERY } from '@/lib/k8s/status/attention';
import type { KubeObject } from '@/lib/k8s/object';

const pod = (reason: string): KubeObject =>
  ({
    metadata: { uid: 'u', name: 'p', namespace: 'ns', resourceVersion: '1' },
    spec: { containers: [{ name: 'app', image: 'app:1' }] },
    status: { phase: 'Pending', containerStatuses: [{ name: 'app', restartCount: 0, state: { waiting: { reason } } }] },
  }) as unknown as KubeObject;

describe('pods descriptor: failing states are red and found by the Overview', () => {
  it.each(['ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'CrashLoopBackOff'])('%s', (reason) => {
    const s = podsKind.toSummary(pod(reason));
    expect(s.status).toBe(reason);
    expect(podTone(s)).toBe('red');
    expect(podsKind.searchText(s)).toContain(POD_NEEDS_ATTENTION_QUERY);
  });

  it('a starting pod is neither red nor in the needs-attention query', () => {
    const s = podsKind.toSummary(pod('ContainerCreating'));
    expect(podTone(s)).not.toBe('red');
    expect(podsKind.searchText(s)).not.toContain(POD_NEEDS_ATTENTION_QUERY);
  });
});

describe('pods descriptor: RESTARTS as kubectl, with "(… ago)"', () => {
  it('shows the time since the newest restart', () => {
    const obj = {
      metadata: { uid: 'u', name: 'p', namespace: 'ns', resourceVersion: '1' },
      spec: { containers: [{ name: 'app' }] },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            restartCount: 3,
            state: { running: {} },
            lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:07:00Z' } },
          },
        ],
      },
    } as unknown as KubeObject;
    const s = podsKind.toSummary(obj);
    const col = podsKind.columns?.find((c) => c.id === 'restarts');
    expect(col?.display?.(s, '2026-01-01T00:10:00Z')).toBe('3 (3m ago)');
  });
});

// mirrors kubernetes/kubernetes pkg/printers/internalversion/printers.go printPod (-o wide), v1.31
describe('pods descriptor: NOMINATED NODE and READINESS GATES', () => {
  const pod = (spec: Record<string, unknown>, status: Record<string, unknown>) =>
    podsKind.toSummary({
      metadata: { uid: 'u', name: 'p', namespace: 'ns', resourceVersion: '1' },
      spec: { containers: [{ name: 'app' }], ...spec },
      status: { phase: 'Pending', ...status },
    } as unknown as KubeObject);
  const cell = (id: string, s: ReturnType<typeof pod>) => podsKind.columns?.find((c) => c.id === id)?.value(s);
  const wide = (s: ReturnType<typeof pod>) => [s.nominatedNode ?? '<none>', s.readinessGates ?? '<none>'];

  it('prints the nominated node and true readiness gates of all gates, else <none>', () => {
    const gated = pod(
      { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      {
        nominatedNodeName: 'node-7',
        conditions: [
          { type: 'example.com/lb', status: 'True' },
          { type: 'example.com/dns', status: 'False' },
        ],
      },
    );
    expect(wide(gated)).toEqual(['node-7', '1/2']);
    const plain = pod({}, {});
    expect(wide(plain)).toEqual(['<none>', '<none>']);
    // An unscheduled pod: IP and NODE are <none> too.
    expect([cell('ip', plain), cell('node', plain)]).toEqual(['<none>', '<none>']);
  });
});
