import { describe, expect, it } from 'vitest';

import { stripSecret } from '@/lib/k8s/config-data';
import { groupReleases } from '@/lib/k8s/helm';
import { configMapsKind } from '@/lib/k8s/kinds/configmaps';
import { helmReleasesKind, helmStatusTone } from '@/lib/k8s/kinds/helm-releases';
import { secretsKind } from '@/lib/k8s/kinds/secrets';

const meta = { name: 'x', namespace: 'n', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' };
const ctx = { cluster: 'local' };

describe('ConfigMaps', () => {
  const cm = { metadata: meta, data: { a: 'hello', b: '' }, binaryData: { c: 'AAEC' } };
  it('counts DATA as kubectl does (data + binaryData) and lists keys with sizes', () => {
    const s = configMapsKind.toSummary(cm);
    expect(s).toMatchObject({ dataCount: 3, bytes: 8, immutable: false });
    const [keys] = configMapsKind.detail?.tables?.(cm, s, ctx) ?? [];
    expect(keys?.rows).toEqual([
      ['a', '5 B', 'data'],
      ['b', '0 B', 'data'],
      ['c', '3 B', 'binaryData'],
    ]);
  });
});

describe('Secrets', () => {
  const secret = stripSecret({
    metadata: meta,
    type: 'kubernetes.io/basic-auth',
    data: {
      username: Buffer.from('admin').toString('base64'),
      password: Buffer.from('value-marker').toString('base64'),
    },
  } as never);
  it('shows type, keys and sizes from the stripped object', () => {
    const s = secretsKind.toSummary(secret);
    expect(s.type).toBe('kubernetes.io/basic-auth');
    expect(s.keys).toEqual([
      { key: 'password', bytes: 12 },
      { key: 'username', bytes: 5 },
    ]);
    const cells = secretsKind.columns?.map((c) => c.value(s));
    expect(cells).toEqual(['kubernetes.io/basic-auth', 2, meta.creationTimestamp]);
    const [keys] = secretsKind.detail?.tables?.(secret, s, ctx) ?? [];
    expect(keys?.rows).toEqual([
      ['password', '12 B'],
      ['username', '5 B'],
    ]);
    expect(JSON.stringify([s, keys])).not.toContain('marker');
  });
  it('is read as the person, never from the shared cache', () => {
    expect(secretsKind.readAs).toBe('person');
    expect(helmReleasesKind.readAs).toBe('person');
    expect(helmReleasesKind.accessResource).toEqual([{ group: '', resource: 'secrets' }]);
  });
});

describe('Helm releases', () => {
  const rev = (revision: number, status: string) => ({
    revision,
    status,
    chart: 'redis',
    chartVersion: `17.${revision}.0`,
    appVersion: '7.0',
    updated: `2026-01-0${revision}T00:00:00Z`,
    firstDeployed: '2026-01-01T00:00:00Z',
    description: status === 'failed' ? 'Upgrade failed' : 'Upgrade complete',
    notes: '',
    secret: `sh.helm.release.v1.cache.v${revision}`,
  });
  const [obj] = groupReleases(
    [1, 2, 3].map((r) => ({
      namespace: 'n',
      release: 'cache',
      uid: `u${r}`,
      resourceVersion: String(r),
      createdAt: `2026-01-0${r}T00:00:00Z`,
      facts: rev(r, r === 3 ? 'deployed' : r === 2 ? 'failed' : 'superseded'),
    })),
  );

  it('summarises the newest revision as helm list does', () => {
    const s = helmReleasesKind.toSummary(obj!);
    expect(s).toMatchObject({
      name: 'cache',
      revision: 3,
      status: 'deployed',
      chart: 'redis-17.3.0',
      appVersion: '7.0',
      revisions: 3,
    });
  });

  it('shows the revision history newest first, the failed one included', () => {
    const s = helmReleasesKind.toSummary(obj!);
    const [history] = helmReleasesKind.detail?.tables?.(obj!, s, ctx) ?? [];
    expect(history?.rows.map((r) => [r[0], r[2]])).toEqual([
      ['3', 'deployed'],
      ['2', 'failed'],
      ['1', 'superseded'],
    ]);
  });

  it('colours statuses', () => {
    expect(helmStatusTone('deployed')).toBe('green');
    expect(helmStatusTone('failed')).toBe('red');
    expect(helmStatusTone('pending-upgrade')).toBe('blue');
    expect(helmStatusTone('superseded')).toBe('slate');
  });
});
