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

export const namespacesKind: KindDescriptor<NamespaceListItem> = {
  id: 'namespaces',
  title: 'Namespaces',
  titleSingular: 'Namespace',
  description: 'Namespaces you may read.',
  nav: { group: 'cluster', order: 20 },
  detail: {},
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
