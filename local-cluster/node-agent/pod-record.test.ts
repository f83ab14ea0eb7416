import { describe, expect, it } from 'vitest';

import { isRawPod, profileFor, toPodRecord } from './pod-record';
import type { RawPod } from './types';

const raw: RawPod = {
  metadata: {
    name: 'web-1',
    namespace: 'shop',
    uid: 'u1',
    labels: { app: 'web' },
    ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', uid: 'x', controller: true }],
  },
  spec: {
    nodeName: 'wh-node-1',
    containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }],
  },
  status: { phase: 'Running', podIP: '10.244.0.9', containerStatuses: [{ name: 'web', restartCount: 3 } as never] },
};

describe('toPodRecord', () => {
  it('keeps only what the agent needs', () => {
    const r = toPodRecord(raw, true);
    expect(r).toMatchObject({
      key: 'shop/web-1',
      nodeName: 'wh-node-1',
      owners: [{ kind: 'ReplicaSet', name: 'web-abc', controller: true }],
      containers: [{ name: 'web', image: 'nginx', requests: { cpu: '100m' }, limits: {} }],
      status: { phase: 'Running', podIP: '10.244.0.9', restarts: { web: 3 } },
    });
    expect(r.status.fingerprint).not.toBe('');
    expect(toPodRecord({ ...raw, status: undefined }, false).status).toMatchObject({
      phase: 'Pending',
      fingerprint: '',
    });
  });

  it('caches usage profiles per container', () => {
    const r = toPodRecord(raw, false);
    expect(profileFor(r, 'web')).toBe(profileFor(r, 'web'));
  });

  it('recognises pods', () => {
    expect(isRawPod(raw)).toBe(true);
    expect(isRawPod({ kind: 'Status', code: 410 })).toBe(false);
    expect(isRawPod(null)).toBe(false);
  });
});
