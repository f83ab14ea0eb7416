import {
  ageColumn,
  byAge,
  byName,
  compareText,
  defaultSearchText,
  type BaseSummary,
  type CellTone,
  type DetailTable,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import { formatResource, parseQuantity } from '@/lib/k8s/quantity';

// kubectl get quota prints REQUEST and LIMIT as "resource: used/hard" lists (printResourceQuota in
// https://github.com/kubernetes/kubernetes/blob/v1.20.0/pkg/printers/internalversion/printers.go);
// the detail adds a bar per resource, used against hard.

export interface QuotaUse {
  resource: string;
  used: string;
  hard: string;
  /** used/hard in base units; undefined when either does not parse. */
  fraction?: number;
}

export interface ResourceQuotaSummary extends BaseSummary {
  /** kubectl's REQUEST column: every hard resource not under limits. */
  request: string;
  /** kubectl's LIMIT column: the limits.* resources. */
  limit: string;
  /** The highest used/hard over all resources (0–1+), for the tone. */
  highest: number;
  /** The resource at `highest`. */
  highestResource?: string;
}

type QuotaObject = KubeObject & {
  spec?: { hard?: Record<string, string>; scopes?: string[]; scopeSelector?: unknown };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
};

/** Each hard resource with what is used, in kubectl's order (by resource name). */
export function quotaUses(obj: KubeObject): QuotaUse[] {
  const q = obj as QuotaObject;
  // status.hard is what the quota controller enforces; before it has synced, spec.hard is all there is.
  const hard = q.status?.hard ?? q.spec?.hard ?? {};
  const used = q.status?.used ?? {};
  return Object.keys(hard)
    .sort(compareText)
    .map((resource) => {
      const h = parseQuantity(hard[resource]);
      const u = parseQuantity(used[resource] ?? '0');
      const fraction = h !== undefined && u !== undefined ? (h > 0 ? u / h : u > 0 ? Infinity : 0) : undefined;
      return { resource, used: used[resource] ?? '0', hard: hard[resource] ?? '', fraction };
    });
}

export function quotaTone(fraction: number): CellTone {
  if (fraction >= 1) return 'red';
  if (fraction >= 0.8) return 'amber';
  return 'green';
}

function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${Math.round(fraction * 100)}%` : 'over';
}

export function quotaFacts(obj: KubeObject, s: ResourceQuotaSummary): Fact[] {
  const q = obj as QuotaObject;
  const facts: Fact[] = [];
  if (s.highestResource) {
    facts.push({
      label: 'Nearest its limit',
      value: `${s.highestResource} at ${percent(s.highest)}`,
      tone: quotaTone(s.highest),
      hint: s.highest >= 1 ? 'New objects that need this resource are refused.' : undefined,
    });
  }
  facts.push({ label: 'Scopes', value: q.spec?.scopes?.join(', ') || 'all objects in the namespace' });
  if (q.spec?.scopeSelector)
    facts.push({ label: 'Scope selector', value: JSON.stringify(q.spec.scopeSelector), mono: true });
  return facts;
}

export function quotaTables(obj: KubeObject): DetailTable[] {
  const uses = quotaUses(obj);
  return [
    {
      id: 'quota-usage',
      title: 'Used against hard',
      columns: ['Resource', 'Used', 'Hard'],
      rows: uses.map((u) => {
        const used = parseQuantity(u.used);
        const hard = parseQuantity(u.hard);
        return [
          u.resource,
          used === undefined ? u.used : formatResource(u.resource, used),
          hard === undefined ? u.hard : formatResource(u.resource, hard),
        ];
      }),
      bars: uses.map((u) => {
        const used = parseQuantity(u.used);
        const hard = parseQuantity(u.hard);
        return used === undefined || hard === undefined
          ? undefined
          : { used, total: hard, label: `${u.resource}: ${u.used} of ${u.hard}` };
      }),
      empty: 'This quota sets no hard limits.',
    },
  ];
}

export function quotaSummary(obj: KubeObject): ResourceQuotaSummary {
  const uses = quotaUses(obj);
  let highest = 0;
  let highestResource: string | undefined;
  for (const u of uses) {
    if (u.fraction !== undefined && (highestResource === undefined || u.fraction > highest)) {
      highest = u.fraction;
      highestResource = u.resource;
    }
  }
  const text = (list: QuotaUse[]) => list.map((u) => `${u.resource}: ${u.used}/${u.hard}`).join(', ');
  return withBase(obj, {
    request: text(uses.filter((u) => !u.resource.startsWith('limits.'))),
    limit: text(uses.filter((u) => u.resource.startsWith('limits.'))),
    highest,
    highestResource,
  });
}

export const resourceQuotasKind: KindDescriptor<ResourceQuotaSummary> = {
  id: 'resourcequotas',
  title: 'Resource quotas',
  titleSingular: 'ResourceQuota',
  description: 'What a namespace may use in total, and how much of it is used.',
  nav: { group: 'policy', order: 50 },
  detail: { facts: quotaFacts, tables: quotaTables, conditions: false },
  kind: 'ResourceQuota',
  group: '',
  versions: ['v1'],
  plural: 'resourcequotas',
  namespaced: true,
  indexes: [],
  toSummary: quotaSummary,
  searchText: (s) => `${defaultSearchText(s)} ${s.request} ${s.limit}`.toLowerCase(),
  sorts: { name: byName, age: byAge, used: (a, b) => a.highest - b.highest || byName(a, b) },
  defaultSort: 'name',
  columns: [
    {
      id: 'used',
      title: 'Most used',
      cell: 'badge',
      value: (s) => (s.highestResource ? `${percent(s.highest)} ${s.highestResource}` : '—'),
      tone: (s) => quotaTone(s.highest),
      sort: 'used',
    },
    { id: 'request', title: 'Request', cell: 'mono', value: (s) => s.request },
    { id: 'limit', title: 'Limit', cell: 'mono', value: (s) => s.limit },
    ageColumn,
  ],
};
