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
import { byStorageStatus, storageClassFact, storageStatusColumn } from '@/lib/k8s/kinds/storage-fields';
import type { KubeObject } from '@/lib/k8s/object';
import {
  accessModesText,
  accessModeWords,
  storageClassOf,
  storagePhase,
  storagePhaseTone,
} from '@/lib/k8s/status/storage';
import { routes } from '@/lib/routes';

/** kubectl get pv: CAPACITY, ACCESS MODES, RECLAIM POLICY, STATUS, CLAIM, STORAGECLASS, REASON. */
export interface PersistentVolumeSummary extends BaseSummary {
  capacity: string;
  accessModes: string;
  reclaimPolicy: string;
  status: string;
  /** "namespace/name" of spec.claimRef, "" when unclaimed. */
  claim: string;
  storageClass: string;
  reason: string;
}

type PvObject = KubeObject & {
  spec?: {
    capacity?: { storage?: string };
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    claimRef?: { namespace?: string; name?: string };
    volumeMode?: string;
    hostPath?: { path?: string };
    local?: { path?: string };
    nfs?: { server?: string; path?: string };
    csi?: { driver?: string; volumeHandle?: string };
    nodeAffinity?: {
      required?: {
        nodeSelectorTerms?: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[];
      };
    };
  };
  status?: { phase?: string; reason?: string; message?: string };
};

/** Where the data lives, in one line. */
function sourceText(pv: PvObject): string {
  const s = pv.spec;
  if (s?.hostPath) return `hostPath ${s.hostPath.path ?? ''} (a directory on the node)`;
  if (s?.local) return `local ${s.local.path ?? ''} (a disk on one node)`;
  if (s?.nfs) return `NFS ${s.nfs.server ?? ''}:${s.nfs.path ?? ''}`;
  if (s?.csi) return `CSI ${s.csi.driver ?? ''} ${s.csi.volumeHandle ?? ''}`.trim();
  return 'other';
}

function nodeAffinityText(pv: PvObject): string | undefined {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  const text = terms
    .map((t) =>
      (t.matchExpressions ?? [])
        .map((e) => `${e.key} ${e.operator} ${(e.values ?? []).join(',')}`.trim())
        .join(' and '),
    )
    .filter(Boolean)
    .join(' or ');
  return text || undefined;
}

function facts(obj: KubeObject, s: PersistentVolumeSummary, cluster: string | undefined): Fact[] {
  const pv = obj as PvObject;
  const ref = pv.spec?.claimRef;
  const affinity = nodeAffinityText(pv);
  return [
    { label: 'Status', value: s.status, tone: storagePhaseTone(s.status), hint: pv.status?.message },
    ref?.name
      ? {
          label: 'Claim',
          value: s.claim,
          mono: true,
          href: cluster && routes.object(cluster, 'persistentvolumeclaims', ref.namespace, ref.name),
        }
      : { label: 'Claim', value: 'none: any matching claim may bind it' },
    { label: 'Capacity', value: s.capacity || 'unknown' },
    { label: 'Access modes', value: (pv.spec?.accessModes ?? []).map(accessModeWords).join('; ') || 'none' },
    {
      label: 'Reclaim policy',
      value: s.reclaimPolicy,
      hint:
        s.reclaimPolicy === 'Retain'
          ? 'Kept after its claim is deleted (Released) until an admin reclaims it'
          : 'Deleted with its claim',
    },
    storageClassFact(cluster, s.storageClass, 'none'),
    { label: 'Source', value: sourceText(pv), mono: true },
    { label: 'Volume mode', value: pv.spec?.volumeMode ?? 'Filesystem' },
    ...(affinity ? [{ label: 'Node affinity', value: affinity, mono: true }] : []),
    ...(s.reason ? [{ label: 'Reason', value: s.reason, hint: pv.status?.message }] : []),
  ];
}

export const persistentVolumesKind: KindDescriptor<PersistentVolumeSummary> = {
  id: 'persistentvolumes',
  title: 'PersistentVolumes',
  titleSingular: 'PersistentVolume',
  description: 'Volumes in the cluster: size, access modes, reclaim policy and the claim each is bound to.',
  nav: { group: 'storage', order: 20 },
  kind: 'PersistentVolume',
  group: '',
  versions: ['v1'],
  plural: 'persistentvolumes',
  namespaced: false,
  indexes: [],
  toSummary(obj: KubeObject): PersistentVolumeSummary {
    const pv = obj as PvObject;
    const ref = pv.spec?.claimRef;
    return withBase(obj, {
      capacity: pv.spec?.capacity?.storage ?? '',
      accessModes: accessModesText(pv.spec?.accessModes),
      reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
      status: storagePhase(pv.status?.phase, obj.metadata.deletionTimestamp),
      claim: ref?.name ? `${ref.namespace ?? ''}/${ref.name}` : '',
      storageClass: storageClassOf(obj.metadata.annotations, pv.spec?.storageClassName),
      reason: pv.status?.reason ?? '',
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.status} ${s.claim} ${s.storageClass}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    status: byStorageStatus,
  },
  defaultSort: 'name',
  columns: [
    { id: 'capacity', title: 'Capacity', cell: 'number', value: (s) => s.capacity },
    { id: 'access-modes', title: 'Access modes', cell: 'text', value: (s) => s.accessModes },
    { id: 'reclaim-policy', title: 'Reclaim policy', cell: 'text', value: (s) => s.reclaimPolicy },
    storageStatusColumn,
    { id: 'claim', title: 'Claim', cell: 'mono', value: (s) => s.claim },
    { id: 'storage-class', title: 'StorageClass', cell: 'text', value: (s) => s.storageClass },
    { id: 'reason', title: 'Reason', cell: 'text', value: (s) => s.reason },
    ageColumn,
  ],
  detail: { facts: (obj, s, ctx) => facts(obj, s, ctx?.cluster), conditions: false },
};
