import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type DetailTable,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

// A LimitRange's limits per type and resource, as `kubectl describe limitrange` tabulates them
// (describeLimitRange in https://github.com/kubernetes/kubectl/blob/v0.20.0/pkg/describe/describe.go).

export interface LimitRangeSummary extends BaseSummary {
  /** The types it constrains ("Container, Pod"). */
  types: string;
}

interface LimitItem {
  type?: string;
  min?: Record<string, string>;
  max?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

function limitsOf(obj: KubeObject): LimitItem[] {
  return (obj.spec as { limits?: LimitItem[] } | undefined)?.limits ?? [];
}

export const LIMIT_COLUMNS = [
  'Type',
  'Resource',
  'Min',
  'Max',
  'Default request',
  'Default limit',
  'Max limit/request ratio',
] as const;

/** One row per type and resource; "-" where the LimitRange says nothing (as kubectl prints). */
export function limitRangeRows(obj: KubeObject): string[][] {
  const rows: string[][] = [];
  for (const item of limitsOf(obj)) {
    const resources = new Set([
      ...Object.keys(item.min ?? {}),
      ...Object.keys(item.max ?? {}),
      ...Object.keys(item.default ?? {}),
      ...Object.keys(item.defaultRequest ?? {}),
      ...Object.keys(item.maxLimitRequestRatio ?? {}),
    ]);
    for (const r of [...resources].sort()) {
      rows.push([
        item.type ?? '',
        r,
        item.min?.[r] ?? '-',
        item.max?.[r] ?? '-',
        item.defaultRequest?.[r] ?? '-',
        item.default?.[r] ?? '-',
        item.maxLimitRequestRatio?.[r] ?? '-',
      ]);
    }
  }
  return rows;
}

export function limitRangeTables(obj: KubeObject): DetailTable[] {
  return [
    {
      id: 'limits',
      title: 'Limits',
      columns: LIMIT_COLUMNS,
      rows: limitRangeRows(obj),
      empty: 'This LimitRange sets no limits.',
    },
  ];
}

export const limitRangesKind: KindDescriptor<LimitRangeSummary> = {
  id: 'limitranges',
  title: 'Limit ranges',
  titleSingular: 'LimitRange',
  description: 'Per-container and per-pod minimums, maximums and defaults in a namespace.',
  nav: { group: 'policy', order: 60 },
  detail: {
    facts: (_obj, s) => [{ label: 'Applies to', value: s.types || 'nothing' }],
    tables: limitRangeTables,
    conditions: false,
  },
  kind: 'LimitRange',
  group: '',
  versions: ['v1'],
  plural: 'limitranges',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): LimitRangeSummary {
    const types = [...new Set(limitsOf(obj).map((l) => l.type ?? ''))].filter(Boolean);
    return withBase(obj, { types: types.join(', ') });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.types}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [{ id: 'types', title: 'Types', cell: 'text', value: (s) => s.types }, ageColumn],
};
