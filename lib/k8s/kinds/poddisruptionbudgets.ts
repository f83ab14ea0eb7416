import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type CellTone,
  type DetailTable,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import { labelSelectorText, type LabelSelectorObject } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';

/** kubectl get pdb: MIN AVAILABLE, MAX UNAVAILABLE, ALLOWED DISRUPTIONS (printPodDisruptionBudget). */
export interface PodDisruptionBudgetSummary extends BaseSummary {
  minAvailable: string;
  maxUnavailable: string;
  allowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  /** Label selector text; null selects no pods (see lib/k8s/pdb.ts). */
  selector: string | null;
}

type PdbObject = KubeObject & {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelectorObject };
  status?: {
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
    disruptedPods?: Record<string, string>;
  };
};

function selectorOf(pdb: PdbObject): string | null {
  try {
    const text = labelSelectorText(pdb.spec?.selector);
    // policy/v1beta1: an empty selector matches no pods; policy/v1: every pod in the namespace.
    return text === '' && pdb.apiVersion === 'policy/v1beta1' ? null : text;
  } catch {
    return null;
  }
}

/** Red: no eviction may proceed now and the budget is not met; amber: none may proceed; green otherwise. */
export function allowedTone(
  s: Pick<PodDisruptionBudgetSummary, 'allowed' | 'currentHealthy' | 'desiredHealthy'>,
): CellTone {
  if (s.allowed > 0) return 'green';
  return s.currentHealthy < s.desiredHealthy ? 'red' : 'amber';
}

export function allowedWords(
  s: Pick<PodDisruptionBudgetSummary, 'allowed' | 'currentHealthy' | 'desiredHealthy'>,
): string {
  if (s.allowed > 0) return `${s.allowed} pod${s.allowed === 1 ? '' : 's'} may be evicted now`;
  return s.currentHealthy < s.desiredHealthy
    ? `No evictions: ${s.currentHealthy} healthy, ${s.desiredHealthy} wanted (the budget is not met)`
    : 'No evictions now: a drain waits until another pod is healthy';
}

function facts(obj: KubeObject, s: PodDisruptionBudgetSummary): Fact[] {
  return [
    { label: 'Allowed disruptions', value: String(s.allowed), tone: allowedTone(s), hint: allowedWords(s) },
    { label: 'Now', value: allowedWords(s) },
    { label: 'Healthy pods', value: `${s.currentHealthy} healthy, ${s.desiredHealthy} needed` },
    { label: 'Expected pods', value: String(s.expectedPods) },
    { label: 'Min available', value: s.minAvailable },
    { label: 'Max unavailable', value: s.maxUnavailable },
    {
      label: 'Selector',
      value: s.selector === null ? 'none: covers no pods' : s.selector || 'every pod in the namespace',
      mono: true,
    },
  ];
}

function tables(obj: KubeObject): DetailTable[] {
  const disrupted = (obj as PdbObject).status?.disruptedPods ?? {};
  return [
    {
      id: 'disrupted-pods',
      title: 'Disrupted pods',
      columns: ['Pod', 'Eviction accepted at'],
      rows: Object.entries(disrupted).map(([pod, at]) => [pod, at]),
      empty: 'No evictions in progress.',
    },
  ];
}

export const podDisruptionBudgetsKind: KindDescriptor<PodDisruptionBudgetSummary> = {
  id: 'poddisruptionbudgets',
  title: 'PodDisruptionBudgets',
  titleSingular: 'PodDisruptionBudget',
  description: 'How many pods of a workload may be evicted at once (drains, node upgrades).',
  nav: { group: 'policy', order: 10 },
  kind: 'PodDisruptionBudget',
  group: 'policy',
  versions: ['v1', 'v1beta1'],
  plural: 'poddisruptionbudgets',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): PodDisruptionBudgetSummary {
    const pdb = obj as PdbObject;
    const st = pdb.status ?? {};
    const min = pdb.spec?.minAvailable;
    const max = pdb.spec?.maxUnavailable;
    return withBase(obj, {
      minAvailable: min === undefined ? 'N/A' : String(min),
      maxUnavailable: max === undefined ? 'N/A' : String(max),
      allowed: st.disruptionsAllowed ?? 0,
      currentHealthy: st.currentHealthy ?? 0,
      desiredHealthy: st.desiredHealthy ?? 0,
      expectedPods: st.expectedPods ?? 0,
      selector: selectorOf(pdb),
    });
  },
  searchText: (s) => defaultSearchText(s),
  sorts: {
    name: byName,
    age: byAge,
    allowed: (a, b) => a.allowed - b.allowed || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    { id: 'min-available', title: 'Min available', cell: 'number', value: (s) => s.minAvailable },
    { id: 'max-unavailable', title: 'Max unavailable', cell: 'number', value: (s) => s.maxUnavailable },
    {
      id: 'allowed',
      title: 'Allowed disruptions',
      cell: 'badge',
      value: (s) => String(s.allowed),
      tone: allowedTone,
      hint: allowedWords,
      sort: 'allowed',
    },
    ageColumn,
  ],
  detail: {
    facts: (obj, s) => facts(obj, s),
    tables: (obj) => tables(obj),
    panel: true,
    related: [
      {
        kind: 'pods',
        title: 'Pods it covers',
        selector: (obj) => selectorOf(obj as PdbObject),
      },
    ],
  },
};
