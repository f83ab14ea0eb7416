import {
  byName,
  compareText,
  type BaseSummary,
  type Column,
  type Comparator,
  type Fact,
} from '@/lib/k8s/kinds/descriptor';
import { storagePhaseTone } from '@/lib/k8s/status/storage';
import { routes } from '@/lib/routes';

// Pieces PersistentVolumeClaims and PersistentVolumes share: the STATUS column and sort, and the
// storage-class fact linking to the class.

type WithStatus = BaseSummary & { status: string };

export const byStorageStatus: Comparator<WithStatus> = (a, b) => compareText(a.status, b.status) || byName(a, b);

export const storageStatusColumn: Column<WithStatus> = {
  id: 'status',
  title: 'Status',
  cell: 'badge',
  value: (s) => s.status,
  tone: (s) => storagePhaseTone(s.status),
  sort: 'status',
};

/** "Storage class", linked when the page knows its cluster; `none` says what an empty class means. */
export function storageClassFact(cluster: string | undefined, name: string, none: string): Fact {
  if (!name) return { label: 'Storage class', value: none };
  return {
    label: 'Storage class',
    value: name,
    href: cluster ? routes.object(cluster, 'storageclasses', undefined, name) : undefined,
  };
}
