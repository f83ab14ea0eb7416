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
import type { PersistentVolumeClaimSummary } from '@/lib/k8s/kinds/persistentvolumeclaims';
import type { PersistentVolumeSummary } from '@/lib/k8s/kinds/persistentvolumes';
import type { KubeObject } from '@/lib/k8s/object';
import { isDefaultClass } from '@/lib/k8s/status/storage';

/** kubectl get sc: NAME "(default)", PROVISIONER, RECLAIMPOLICY, VOLUMEBINDINGMODE, ALLOWVOLUMEEXPANSION. */
export interface StorageClassSummary extends BaseSummary {
  isDefault: boolean;
  provisioner: string;
  reclaimPolicy: string;
  bindingMode: string;
  allowExpansion: boolean;
}

type ScObject = KubeObject & {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
  mountOptions?: string[];
};

/** kubernetes.io/no-provisioner: volumes are made by hand (local volumes); nothing provisions. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

function facts(obj: KubeObject, s: StorageClassSummary): Fact[] {
  const sc = obj as ScObject;
  return [
    {
      label: 'Default class',
      value: s.isDefault ? 'yes: claims without a class get this one' : 'no',
      tone: s.isDefault ? 'blue' : undefined,
    },
    {
      label: 'Provisioner',
      value: s.provisioner,
      mono: true,
      hint:
        s.provisioner === NO_PROVISIONER ? 'Makes no volumes: an admin creates PersistentVolumes by hand' : undefined,
    },
    { label: 'Reclaim policy', value: s.reclaimPolicy },
    {
      label: 'Volume binding mode',
      value: s.bindingMode,
      hint:
        s.bindingMode === 'WaitForFirstConsumer'
          ? 'A claim binds once a pod using it is scheduled (on that pod’s node)'
          : 'A claim binds as soon as it is created',
    },
    { label: 'Volume expansion', value: s.allowExpansion ? 'allowed' : 'not allowed' },
    ...(sc.mountOptions?.length ? [{ label: 'Mount options', value: sc.mountOptions.join(', '), mono: true }] : []),
  ];
}

export const storageClassesKind: KindDescriptor<StorageClassSummary> = {
  id: 'storageclasses',
  title: 'StorageClasses',
  titleSingular: 'StorageClass',
  description: 'Kinds of storage claims may ask for: who provisions them and how they bind.',
  nav: { group: 'storage', order: 30 },
  kind: 'StorageClass',
  group: 'storage.k8s.io',
  versions: ['v1'],
  plural: 'storageclasses',
  namespaced: false,
  indexes: [],
  toSummary(obj: KubeObject): StorageClassSummary {
    const sc = obj as ScObject;
    return withBase(obj, {
      isDefault: isDefaultClass(obj.metadata.annotations),
      provisioner: sc.provisioner ?? '',
      // API defaults (pkg/apis/storage/v1/defaults.go): Delete, Immediate; kubectl prints false when unset.
      reclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      bindingMode: sc.volumeBindingMode ?? 'Immediate',
      allowExpansion: sc.allowVolumeExpansion ?? false,
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.provisioner}${s.isDefault ? ' default' : ''}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    // kubectl appends " (default)" to the name; the name cell is the table's own, so a marker column.
    {
      id: 'default',
      title: 'Default',
      cell: 'badge',
      value: (s) => (s.isDefault ? 'default' : ''),
      tone: () => 'blue',
    },
    { id: 'provisioner', title: 'Provisioner', cell: 'mono', value: (s) => s.provisioner },
    { id: 'reclaim-policy', title: 'Reclaim policy', cell: 'text', value: (s) => s.reclaimPolicy },
    { id: 'binding-mode', title: 'Volume binding mode', cell: 'text', value: (s) => s.bindingMode },
    {
      id: 'allow-expansion',
      title: 'Allow volume expansion',
      cell: 'text',
      value: (s) => String(s.allowExpansion),
    },
    ageColumn,
  ],
  detail: {
    facts: (obj, s) => facts(obj, s),
    conditions: false,
    tables: (obj) => [
      {
        id: 'parameters',
        title: 'Parameters',
        columns: ['Key', 'Value'],
        rows: Object.entries((obj as ScObject).parameters ?? {}).map(([k, v]) => [k, v]),
        empty: 'No parameters.',
      },
    ],
    related: [
      {
        kind: 'persistentvolumes',
        title: 'Volumes of this class',
        match: (obj, pv) => (pv as PersistentVolumeSummary).storageClass === obj.metadata.name,
      },
      {
        kind: 'persistentvolumeclaims',
        title: 'Claims of this class',
        allNamespaces: true,
        match: (obj, pvc) => (pvc as PersistentVolumeClaimSummary).storageClass === obj.metadata.name,
      },
    ],
  },
};
