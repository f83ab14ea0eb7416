import { workloadSpecFacts } from '@/lib/k8s/kinds/workload-fields';
import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  ownerOf,
  templateImages,
  type BaseSummary,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

/** kubectl's DESIRED, CURRENT, READY plus the owner and the Deployment revision it holds. */
export interface ReplicaSetSummary extends BaseSummary {
  desired: number;
  current: number;
  readyCount: number;
  available: number;
  images: string[];
  owner?: { kind: string; name: string; uid: string };
  /** `deployment.kubernetes.io/revision` */
  revision?: string;
  changeCause?: string;
  podTemplateHash?: string;
  status: string;
  statusMessage: string;
}

type RsObject = KubeObject & {
  spec?: { replicas?: number };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number };
};

export const replicaSetsKind: KindDescriptor<ReplicaSetSummary> = {
  id: 'replicasets',
  title: 'ReplicaSets',
  kind: 'ReplicaSet',
  group: 'apps',
  versions: ['v1'],
  plural: 'replicasets',
  namespaced: true,
  // Deployment → its ReplicaSets (history, new/old side by side) without scanning.
  indexes: ['owner'],
  toSummary(obj: KubeObject): ReplicaSetSummary {
    const rs = obj as RsObject;
    const desired = rs.spec?.replicas ?? 0;
    const ready = rs.status?.readyReplicas ?? 0;
    const a = obj.metadata.annotations ?? {};
    const status = desired === 0 ? 'ScaledDown' : ready >= desired ? 'Complete' : 'Progressing';
    return withBase(obj, {
      desired,
      current: rs.status?.replicas ?? 0,
      readyCount: ready,
      available: rs.status?.availableReplicas ?? 0,
      images: templateImages(obj),
      owner: ownerOf(obj),
      revision: a['deployment.kubernetes.io/revision'],
      changeCause: a['kubernetes.io/change-cause'],
      podTemplateHash: obj.metadata.labels?.['pod-template-hash'],
      status,
      statusMessage: `${ready} of ${desired} pods ready`,
    });
  },
  searchText: (s) =>
    `${defaultSearchText(s)} ${s.owner ? `${s.owner.kind}/${s.owner.name}` : ''} ${s.images.join(' ')}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    revision: (a, b) => Number(a.revision ?? 0) - Number(b.revision ?? 0) || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    { id: 'desired', title: 'Desired', cell: 'number', value: (s) => s.desired },
    { id: 'current', title: 'Current', cell: 'number', value: (s) => s.current },
    { id: 'ready', title: 'Ready', cell: 'number', value: (s) => s.readyCount },
    { id: 'owner', title: 'Owner', cell: 'text', value: (s) => (s.owner ? `${s.owner.kind}/${s.owner.name}` : '') },
    { id: 'revision', title: 'Revision', cell: 'number', value: (s) => s.revision, sort: 'revision' },
    { id: 'images', title: 'Images', cell: 'images', value: (s) => s.images },
    ageColumn,
  ],
  titleSingular: 'ReplicaSet',
  detail: { facts: (obj) => workloadSpecFacts(obj), panel: true },
  workload: { actions: [], rollout: 'status' },
};
