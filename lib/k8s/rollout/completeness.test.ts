import { describe, expect, it } from 'vitest';

import { objectKey, rollbackCompleteness, valueChangesTimed, type ObjectState } from './completeness';

const target = {
  spec: {
    containers: [
      {
        name: 'web',
        image: 'shop/web:1.4.0',
        envFrom: [{ configMapRef: { name: 'web-config' } }],
        env: [
          { name: 'DB', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'FLAG', valueFrom: { configMapKeyRef: { name: 'flags', key: 'x', optional: true } } },
        ],
      },
    ],
    volumes: [
      { name: 'cfg', configMap: { name: 'web-config' } },
      { name: 'tls', secret: { secretName: 'web-tls' } },
      { name: 'gone', configMap: { name: 'old-config' } },
    ],
  },
};
const current = {
  spec: {
    containers: [
      { name: 'web', image: 'shop/web:1.4.2' },
      { name: 'proxy', image: 'envoy:1.30' },
    ],
  },
};
const since = '2026-11-20T10:00:00Z';

const states = new Map<string, ObjectState>([
  [
    objectKey('ConfigMap', 'web-config'),
    {
      found: 'ok',
      creationTimestamp: '2026-11-01T00:00:00Z',
      managedTimes: ['2026-11-22T08:00:00Z', '2026-11-01T00:00:00Z'],
    },
  ],
  [objectKey('Secret', 'db'), { found: 'forbidden' }],
  [objectKey('ConfigMap', 'flags'), { found: 'missing' }],
  [
    objectKey('Secret', 'web-tls'),
    { found: 'ok', creationTimestamp: '2026-11-01T00:00:00Z', managedTimes: ['2026-11-05T00:00:00Z'] },
  ],
  [objectKey('ConfigMap', 'old-config'), { found: 'missing' }],
]);

describe('rollbackCompleteness', () => {
  const result = rollbackCompleteness({ revision: 3, since, target, current, states, timed: true });
  const verdict = (name: string) => result.items.find((i) => i.name === name);

  it('lists each referenced object once, with how it is read', () => {
    expect(result.items.map((i) => `${i.kind}/${i.name}`)).toEqual([
      'Secret/db',
      'ConfigMap/flags',
      'ConfigMap/web-config',
      'Secret/web-tls',
      'ConfigMap/old-config',
    ]);
    expect(verdict('web-config')?.via.sort()).toEqual(['envFrom', 'volume']);
  });

  it('says what changed since the revision went live, from metadata only', () => {
    expect(verdict('web-config')).toMatchObject({ verdict: 'changed', changedAt: '2026-11-22T08:00:00Z' });
    expect(verdict('web-tls')).toMatchObject({ verdict: 'unchanged' });
    expect(verdict('db')?.sentence).toMatch(/you may not read it/);
  });

  it('names a required object that no longer exists as blocking, an optional one not', () => {
    expect(verdict('old-config')).toMatchObject({ verdict: 'missing', optional: false });
    expect(verdict('old-config')?.sentence).toMatch(/would fail to start/);
    expect(verdict('flags')).toMatchObject({ verdict: 'missing', optional: true });
    expect(result.blocking).toBe(true);
  });

  it('shows the image references that differ', () => {
    expect(result.images).toEqual([
      { container: 'proxy', now: 'envoy:1.30', target: '' },
      { container: 'web', now: 'shop/web:1.4.2', target: 'shop/web:1.4.0' },
    ]);
  });

  it('before Kubernetes 1.25 an old change time proves nothing (value-only edits kept the old time)', () => {
    expect(valueChangesTimed(20)).toBe(false);
    expect(valueChangesTimed(25)).toBe(true);
    const old = rollbackCompleteness({ revision: 3, since, target, current, states, timed: false });
    expect(old.items.find((i) => i.name === 'web-tls')?.verdict).toBe('unknown');
    expect(old.items.find((i) => i.name === 'web-config')?.verdict).toBe('changed');
  });

  it('says plainly when it cannot be known', () => {
    const r = rollbackCompleteness({ revision: 3, target, current, states, timed: true });
    expect(r.items.find((i) => i.name === 'web-tls')?.verdict).toBe('unknown');
    const recreated = rollbackCompleteness({
      revision: 3,
      since,
      target,
      current,
      timed: true,
      states: new Map([
        [objectKey('Secret', 'web-tls'), { found: 'ok', creationTimestamp: '2026-11-23T00:00:00Z', managedTimes: [] }],
      ]),
    });
    expect(recreated.items.find((i) => i.name === 'web-tls')?.verdict).toBe('recreated');
    expect(result.summary).toBe(
      'Revision 3 reads 5 ConfigMaps and Secrets: 2 no longer exist, 1 changed since then, 1 cannot be checked. Rolling back restores only the pod template.',
    );
  });
});
