import {
  baseSummary,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type KindDescriptor,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

export interface NamespaceListItem extends BaseSummary {
  phase: string;
}

/** A Namespace's own objects (RelatedList lists a cluster-scoped object's relations cluster-wide). */
function inThisNamespace(obj: KubeObject, candidate: BaseSummary): boolean {
  return candidate.namespace === obj.metadata.name;
}

export const namespacesKind: KindDescriptor<NamespaceListItem> = {
  id: 'namespaces',
  title: 'Namespaces',
  titleSingular: 'Namespace',
  description: 'Namespaces you may read.',
  nav: { group: 'cluster', order: 20 },
  detail: {
    facts: (_obj, s) => [
      {
        label: 'Status',
        value: s.phase,
        tone: s.phase === 'Active' ? 'green' : s.phase === 'Terminating' ? 'amber' : 'slate',
      },
    ],
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
    return { ...baseSummary(obj), phase };
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.phase}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
};
