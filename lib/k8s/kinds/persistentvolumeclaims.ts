import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { PodSummary } from '@/lib/k8s/kinds/pods';
import { byStorageStatus, storageClassFact, storageStatusColumn } from '@/lib/k8s/kinds/storage-fields';
import type { KubeObject } from '@/lib/k8s/object';
import {
  accessModesText,
  accessModeWords,
  pendingClaimReason,
  storageClassOf,
  storagePhase,
  storagePhaseTone,
} from '@/lib/k8s/status/storage';
import { routes } from '@/lib/routes';

/** kubectl get pvc: STATUS, VOLUME, CAPACITY, ACCESS MODES, STORAGECLASS (printPersistentVolumeClaim). */
export interface PersistentVolumeClaimSummary extends BaseSummary {
  status: string;
  volume: string;
  /** status.capacity.storage once bound ("" before, as kubectl prints). */
  capacity: string;
  /** spec.resources.requests.storage */
  request: string;
  /** From status (what the bound volume grants), as kubectl prints. */
  accessModes: string;
  storageClass: string;
}

export type PvcObject = KubeObject & {
  spec?: {
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: string;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: { storage?: string } };
};

const SELECTED_NODE = 'volume.kubernetes.io/selected-node';

function facts(obj: KubeObject, s: PersistentVolumeClaimSummary, cluster: string | undefined): Fact[] {
  const pvc = obj as PvcObject;
  const requested = pvc.spec?.accessModes ?? [];
  const out: Fact[] = [
    { label: 'Status', value: s.status, tone: storagePhaseTone(s.status) },
    s.volume
      ? {
          label: 'Volume',
          value: s.volume,
          mono: true,
          href: cluster && routes.object(cluster, 'persistentvolumes', undefined, s.volume),
        }
      : { label: 'Volume', value: 'none bound' },
    { label: 'Capacity', value: s.capacity || 'not bound yet' },
    { label: 'Requested', value: s.request || 'nothing' },
    {
      label: 'Access modes',
      value:
        (s.status === 'Bound' ? (pvc.status?.accessModes ?? []) : requested).map(accessModeWords).join('; ') || 'none',
    },
    storageClassFact(cluster, s.storageClass, 'none (binds only to volumes without a class)'),
    { label: 'Volume mode', value: pvc.spec?.volumeMode ?? 'Filesystem' },
  ];
  if (s.status === 'Pending')
    out.push({
      label: 'Why pending',
      value: pendingClaimReason({
        storageClass: s.storageClass,
        request: s.request,
        accessModes: requested,
        volumeName: pvc.spec?.volumeName,
        selectedNode: obj.metadata.annotations?.[SELECTED_NODE],
      }),
    });
  return out;
}

export const persistentVolumeClaimsKind: KindDescriptor<PersistentVolumeClaimSummary> = {
  id: 'persistentvolumeclaims',
  title: 'PersistentVolumeClaims',
  titleSingular: 'PersistentVolumeClaim',
  description: 'Claims for storage: whether a volume is bound, its size and access modes, and the pods that mount it.',
  nav: { group: 'storage', order: 10 },
  kind: 'PersistentVolumeClaim',
  group: '',
  versions: ['v1'],
  plural: 'persistentvolumeclaims',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): PersistentVolumeClaimSummary {
    const pvc = obj as PvcObject;
    const volume = pvc.spec?.volumeName ?? '';
    return withBase(obj, {
      status: storagePhase(pvc.status?.phase, obj.metadata.deletionTimestamp),
      volume,
      capacity: volume ? (pvc.status?.capacity?.storage ?? '') : '',
      request: pvc.spec?.resources?.requests?.storage ?? '',
      accessModes: accessModesText(pvc.status?.accessModes),
      storageClass: storageClassOf(obj.metadata.annotations, pvc.spec?.storageClassName),
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.status} ${s.volume} ${s.storageClass}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    status: byStorageStatus,
  },
  defaultSort: 'name',
  columns: [
    storageStatusColumn,
    { id: 'volume', title: 'Volume', cell: 'mono', value: (s) => s.volume },
    { id: 'capacity', title: 'Capacity', cell: 'number', value: (s) => s.capacity },
    { id: 'access-modes', title: 'Access modes', cell: 'text', value: (s) => s.accessModes },
    { id: 'storage-class', title: 'StorageClass', cell: 'text', value: (s) => s.storageClass },
    ageColumn,
  ],
  detail: {
    facts: (obj, s, ctx) => facts(obj, s, ctx?.cluster),
    conditions: true,
    related: [
      {
        kind: 'pods',
        title: 'Pods mounting this claim',
        match: (obj, pod) => ((pod as PodSummary).claims ?? []).includes(obj.metadata.name),
      },
    ],
  },
};
