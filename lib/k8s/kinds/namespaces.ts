import {
  ageColumn,
  byAge,
  byName,
  compareText,
  defaultSearchText,
  type BaseSummary,
  type CellTone,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

export interface NamespaceListItem extends BaseSummary {
  phase: string;
}

/** A Namespace's own objects (RelatedList lists a cluster-scoped object's relations cluster-wide). */
function inThisNamespace(obj: KubeObject, candidate: BaseSummary): boolean {
  return candidate.namespace === obj.metadata.name;
}

const phaseTone = (s: NamespaceListItem): CellTone =>
  s.phase === 'Active' ? 'green' : s.phase === 'Terminating' ? 'amber' : 'slate';

export const namespacesKind: KindDescriptor<NamespaceListItem> = {
  id: 'namespaces',
  title: 'Namespaces',
  titleSingular: 'Namespace',
  description: 'Namespaces you may read.',
  nav: { group: 'cluster', order: 20 },
  detail: {
    facts: (_obj, s) => [{ label: 'Status', value: s.phase, tone: phaseTone(s) }],
    panel: true,
    related: [
      { kind: 'resourcequotas', title: 'Resource quotas', match: inThisNamespace },
      { kind: 'limitranges', title: 'Limit ranges', match: inThisNamespace },
    ],
  },
  kind: 'Namespace',
  group: '',
  versions: ['v1'],
  plural: 'namespaces',
  namespaced: false,
  indexes: [],
  toSummary(obj: KubeObject): NamespaceListItem {
    const phase = (obj.status as { phase?: string } | undefined)?.phase ?? 'Unknown';
    return withBase(obj, { phase });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.phase}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    status: (a, b) => compareText(a.phase, b.phase) || byName(a, b),
  },
  defaultSort: 'name',
  // kubectl get namespaces: NAME, STATUS, AGE (printNamespace).
  columns: [
    { id: 'status', title: 'Status', cell: 'badge', value: (s) => s.phase, tone: phaseTone, sort: 'status' },
    ageColumn,
  ],
};
