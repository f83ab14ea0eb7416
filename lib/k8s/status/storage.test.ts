import { describe, expect, it } from 'vitest';

import {
  accessModesText,
  isDefaultClass,
  pendingClaimReason,
  storageClassOf,
  storagePhase,
  storagePhaseTone,
} from '@/lib/k8s/status/storage';

// Expectations from kubectl: GetAccessModesAsString (pkg/apis/core/helper/helpers.go) and
// IsDefaultAnnotation (pkg/apis/storage/util/helpers.go), v1.31.
describe('accessModesText', () => {
  it("abbreviates in kubectl's fixed order, each mode once", () => {
    expect(accessModesText(['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteMany'])).toBe('RWO,RWX');
    expect(accessModesText(['ReadWriteOncePod', 'ReadOnlyMany'])).toBe('ROX,RWOP');
    expect(accessModesText(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'])).toBe(
      'RWO,ROX,RWX,RWOP',
    );
  });

  it('prints nothing without modes and ignores unknown ones', () => {
    expect(accessModesText(undefined)).toBe('');
    expect(accessModesText([])).toBe('');
    expect(accessModesText(['WriteSometimes'])).toBe('');
  });
});

describe('isDefaultClass', () => {
  it('takes either annotation, only when exactly "true"', () => {
    expect(isDefaultClass({ 'storageclass.kubernetes.io/is-default-class': 'true' })).toBe(true);
    expect(isDefaultClass({ 'storageclass.beta.kubernetes.io/is-default-class': 'true' })).toBe(true);
    expect(isDefaultClass({ 'storageclass.kubernetes.io/is-default-class': 'false' })).toBe(false);
    expect(isDefaultClass({ 'storageclass.kubernetes.io/is-default-class': 'True' })).toBe(false);
    expect(isDefaultClass(undefined)).toBe(false);
  });
});

describe('storage class and phase', () => {
  it('the beta annotation wins over spec.storageClassName, as kubectl', () => {
    expect(storageClassOf({ 'volume.beta.kubernetes.io/storage-class': 'old' }, 'new')).toBe('old');
    expect(storageClassOf({}, 'new')).toBe('new');
    expect(storageClassOf(undefined, undefined)).toBe('');
  });

  it('a deleting object reads Terminating whatever its phase', () => {
    expect(storagePhase('Bound', '2026-01-01T00:00:00Z')).toBe('Terminating');
    expect(storagePhase('Bound', undefined)).toBe('Bound');
    expect(storagePhaseTone('Bound')).toBe('green');
    expect(storagePhaseTone('Pending')).toBe('amber');
    expect(storagePhaseTone('Lost')).toBe('red');
  });
});

describe('pendingClaimReason', () => {
  it('names what a matching volume must offer when none matches', () => {
    const why = pendingClaimReason({ storageClass: 'standard', request: '50Gi', accessModes: ['ReadWriteMany'] });
    expect(why).toContain('No PersistentVolume matches');
    expect(why).toContain('class standard, at least 50Gi, RWX');
  });

  it('a claim naming a volume waits for that volume', () => {
    const why = pendingClaimReason({ storageClass: '', request: '1Gi', accessModes: [], volumeName: 'pv-x' });
    expect(why).toContain('Waiting for volume pv-x');
  });

  it('a claim the scheduler placed waits for the provisioner', () => {
    const why = pendingClaimReason({
      storageClass: 'fast',
      request: '1Gi',
      accessModes: ['ReadWriteOnce'],
      selectedNode: 'node-a',
    });
    expect(why).toContain('node node-a');
    expect(why).toContain('provisioner');
  });
});
