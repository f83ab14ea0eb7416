// The bench's etcd housekeeping against the local cluster's etcd: the status it reads is etcd's own,
// and a defragmentation leaves the file no larger than before and the cluster answering.
import { describe, expect, it } from 'vitest';

import { defragmentEtcd, etcdSize } from '../control-plane/etcd-maintenance';
import { clients } from './kube';

describe('etcd maintenance', () => {
  it('reads the database size and defragments it while the cluster keeps answering', async () => {
    const size = await etcdSize();
    expect(size.dbSize).toBeGreaterThan(0);
    expect(size.dbSizeInUse).toBeGreaterThan(0);
    expect(size.dbSizeInUse).toBeLessThanOrEqual(size.dbSize);

    const d = await defragmentEtcd();
    // A defragmented file holds only the pages in use (plus bbolt's own few).
    expect(d.after.dbSize).toBeLessThanOrEqual(d.before.dbSize);
    expect(d.after.dbSize - d.after.dbSizeInUse).toBeLessThan(1024 * 1024);
    const ns = await clients('admin').core.readNamespace({ name: 'default' });
    expect(ns.metadata?.name).toBe('default');
  });
});
