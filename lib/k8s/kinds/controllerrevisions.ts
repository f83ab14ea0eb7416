import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  ownerOf,
  type BaseSummary,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

/** History of StatefulSets and DaemonSets (the revision's `data` stays on the server: use getForUser). */
export interface ControllerRevisionSummary extends BaseSummary {
  revision: number;
  owner?: { kind: string; name: string; uid: string };
  /** `controller.kubernetes.io/hash`, equal to the owner's currentRevision/updateRevision suffix. */
  hash?: string;
}

export const controllerRevisionsKind: KindDescriptor<ControllerRevisionSummary> = {
  id: 'controllerrevisions',
  title: 'ControllerRevisions',
  kind: 'ControllerRevision',
  group: 'apps',
  versions: ['v1'],
  plural: 'controllerrevisions',
  namespaced: true,
  // StatefulSet/DaemonSet → its revisions.
  indexes: ['owner'],
  toSummary(obj: KubeObject): ControllerRevisionSummary {
    return withBase(obj, {
      revision: typeof obj.revision === 'number' ? obj.revision : 0,
      owner: ownerOf(obj),
      hash: obj.metadata.labels?.['controller.kubernetes.io/hash'],
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.owner ? `${s.owner.kind}/${s.owner.name}` : ''}`.toLowerCase(),
  sorts: { name: byName, age: byAge, revision: (a, b) => a.revision - b.revision || byName(a, b) },
  defaultSort: 'revision',
  columns: [
    { id: 'owner', title: 'Owner', cell: 'text', value: (s) => (s.owner ? `${s.owner.kind}/${s.owner.name}` : '') },
    { id: 'revision', title: 'Revision', cell: 'number', value: (s) => s.revision, sort: 'revision' },
    ageColumn,
  ],
};
