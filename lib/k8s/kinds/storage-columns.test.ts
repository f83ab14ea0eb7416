import { describe, expect, it } from 'vitest';

import { persistentVolumeClaimsKind } from '@/lib/k8s/kinds/persistentvolumeclaims';
import { persistentVolumesKind } from '@/lib/k8s/kinds/persistentvolumes';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { storageClassesKind } from '@/lib/k8s/kinds/storageclasses';
import type { KubeObject } from '@/lib/k8s/object';

// Expectations from kubectl's printPersistentVolumeClaim, printPersistentVolume and printStorageClass
// (kubernetes/kubernetes pkg/printers/internalversion/printers.go, v1.31).
const meta = (extra: Record<string, unknown> = {}) => ({ uid: 'u', name: 'x', resourceVersion: '1', ...extra });
const col = <S>(cols: readonly { id: string; value(s: S): unknown }[] | undefined, id: string, s: S) =>
  cols?.find((c) => c.id === id)?.value(s);
const ctx = { cluster: 'local' };

const pvc = (spec: unknown, status: unknown, m: Record<string, unknown> = {}) =>
  ({ metadata: meta({ namespace: 'shop', ...m }), spec, status }) as unknown as KubeObject;

describe('PersistentVolumeClaim columns', () => {
  it('a bound claim prints its volume, capacity and the access modes the volume grants', () => {
    const s = persistentVolumeClaimsKind.toSummary(
      pvc(
        {
          volumeName: 'pv-1',
          storageClassName: 'standard',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '5Gi' } },
        },
        { phase: 'Bound', accessModes: ['ReadWriteMany', 'ReadWriteOnce'], capacity: { storage: '8Gi' } },
      ),
    );
    const cols = persistentVolumeClaimsKind.columns;
    expect(col(cols, 'status', s)).toBe('Bound');
    expect(col(cols, 'volume', s)).toBe('pv-1');
    expect(col(cols, 'capacity', s)).toBe('8Gi');
    expect(col(cols, 'access-modes', s)).toBe('RWO,RWX');
    expect(col(cols, 'storage-class', s)).toBe('standard');
  });

  it('a pending claim has empty VOLUME, CAPACITY and ACCESS MODES, and says why it waits', () => {
    const obj = pvc(
      { storageClassName: 'standard', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '50Gi' } } },
      { phase: 'Pending' },
    );
    const s = persistentVolumeClaimsKind.toSummary(obj);
    expect([s.volume, s.capacity, s.accessModes]).toEqual(['', '', '']);
    const facts = persistentVolumeClaimsKind.detail?.facts?.(obj, s, ctx) ?? [];
    expect(facts.find((f) => f.label === 'Why pending')?.value).toContain('No PersistentVolume matches');
    expect(facts.find((f) => f.label === 'Volume')?.href).toBeUndefined();
  });

  it('links the bound volume and the class with lib/routes.ts', () => {
    const obj = pvc({ volumeName: 'pv-1', storageClassName: 'standard' }, { phase: 'Bound' });
    const facts = persistentVolumeClaimsKind.detail?.facts?.(obj, persistentVolumeClaimsKind.toSummary(obj), ctx) ?? [];
    expect(facts.find((f) => f.label === 'Volume')?.href).toBe('/c/local/persistentvolumes/pv-1');
    expect(facts.find((f) => f.label === 'Storage class')?.href).toBe('/c/local/storageclasses/standard');
  });

  it('"mounted by" keeps the pods whose volumes name the claim', () => {
    const claimObj = pvc({}, { phase: 'Bound' }, { name: 'invoices' });
    const pod = (claims: string[]) =>
      podsKind.toSummary({
        metadata: meta({ namespace: 'shop', name: 'p' }),
        spec: {
          containers: [{ name: 'c', image: 'i' }],
          volumes: [
            { name: 'tmp', emptyDir: {} },
            ...claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })),
          ],
        },
        status: {},
      } as unknown as KubeObject);
    const match = persistentVolumeClaimsKind.detail?.related?.[0]?.match;
    expect(match?.(claimObj, pod(['invoices']))).toBe(true);
    expect(match?.(claimObj, pod(['other']))).toBe(false);
    expect(match?.(claimObj, pod([]))).toBe(false);
    expect(pod([])).not.toHaveProperty('claims'); // pods without claims stay as small as before
  });
});

describe('PersistentVolume columns', () => {
  it('prints CLAIM as namespace/name and the reclaim policy', () => {
    const s = persistentVolumesKind.toSummary({
      metadata: meta(),
      spec: {
        capacity: { storage: '5Gi' },
        accessModes: ['ReadOnlyMany', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        claimRef: { namespace: 'shop', name: 'invoices' },
      },
      status: { phase: 'Bound' },
    } as unknown as KubeObject);
    const cols = persistentVolumesKind.columns;
    expect(col(cols, 'claim', s)).toBe('shop/invoices');
    expect(col(cols, 'access-modes', s)).toBe('RWO,ROX');
    expect(col(cols, 'reclaim-policy', s)).toBe('Delete');
    expect(col(cols, 'status', s)).toBe('Bound');
  });

  it('an unclaimed volume has an empty CLAIM and no claim link', () => {
    const obj = {
      metadata: meta(),
      spec: { hostPath: { path: '/data' } },
      status: { phase: 'Available' },
    } as unknown as KubeObject;
    const s = persistentVolumesKind.toSummary(obj);
    expect(s.claim).toBe('');
    const facts = persistentVolumesKind.detail?.facts?.(obj, s, ctx) ?? [];
    expect(facts.find((f) => f.label === 'Claim')?.href).toBeUndefined();
    expect(facts.find((f) => f.label === 'Source')?.value).toContain('hostPath /data');
  });
});

describe('STATUS of claims and volumes being deleted', () => {
  // printPersistentVolumeClaim / printPersistentVolume: a deletionTimestamp prints Terminating
  // whatever the phase (a claim held by the pvc-protection finalizer stays Bound until its pods go).
  const deleting = { deletionTimestamp: '2026-11-24T13:00:00Z', finalizers: ['kubernetes.io/pvc-protection'] };

  it('prints Terminating for a bound claim and a bound volume with a deletionTimestamp', () => {
    const claim = persistentVolumeClaimsKind.toSummary(
      pvc({ volumeName: 'pv-1', storageClassName: 'standard' }, { phase: 'Bound' }, deleting),
    );
    expect(col(persistentVolumeClaimsKind.columns, 'status', claim)).toBe('Terminating');
    const volume = persistentVolumesKind.toSummary({
      metadata: meta({ deletionTimestamp: '2026-11-24T13:00:00Z', finalizers: ['kubernetes.io/pv-protection'] }),
      spec: { capacity: { storage: '5Gi' }, claimRef: { namespace: 'shop', name: 'invoices' } },
      status: { phase: 'Bound' },
    } as unknown as KubeObject);
    expect(col(persistentVolumesKind.columns, 'status', volume)).toBe('Terminating');
  });
});

describe('StorageClass columns', () => {
  const sc = (annotations: Record<string, string>, rest: Record<string, unknown> = {}) =>
    storageClassesKind.toSummary({
      metadata: meta({ annotations }),
      provisioner: 'kubernetes.io/no-provisioner',
      ...rest,
    } as unknown as KubeObject);

  it('marks the default class, as kubectl\'s "(default)"', () => {
    const cols = storageClassesKind.columns;
    expect(col(cols, 'default', sc({ 'storageclass.kubernetes.io/is-default-class': 'true' }))).toBe('default');
    expect(col(cols, 'default', sc({ 'storageclass.kubernetes.io/is-default-class': 'false' }))).toBe('');
  });

  it('prints the API defaults when fields are unset: Delete, Immediate, false', () => {
    const s = sc({});
    const cols = storageClassesKind.columns;
    expect(col(cols, 'reclaim-policy', s)).toBe('Delete');
    expect(col(cols, 'binding-mode', s)).toBe('Immediate');
    expect(col(cols, 'allow-expansion', s)).toBe('false');
    expect(col(cols, 'provisioner', s)).toBe('kubernetes.io/no-provisioner');
  });

  it('prints what is set', () => {
    const s = sc(
      {},
      { reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
    );
    const cols = storageClassesKind.columns;
    expect([col(cols, 'reclaim-policy', s), col(cols, 'binding-mode', s), col(cols, 'allow-expansion', s)]).toEqual([
      'Retain',
      'WaitForFirstConsumer',
      'true',
    ]);
  });
});
