import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import { labelSelectorText } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';
import {
  directionWords,
  effectiveTypes,
  selectedPodsWords,
  type NetworkPolicySpec,
} from '@/lib/k8s/status/network-policy-words';

/** kubectl's POD-SELECTOR, plus the policy types and rule counts. */
export interface NetworkPolicySummary extends BaseSummary {
  /** The pod selector as kubectl prints it; "<none>" for the empty one (every pod in the namespace). */
  podSelector: string;
  /** "Ingress", "Ingress, Egress"… as in effect (defaulted like the API server). */
  types: string;
  ingressRules: number;
  egressRules: number;
}

type PolicyObject = KubeObject & { spec?: NetworkPolicySpec };

const specOf = (obj: KubeObject): NetworkPolicySpec => (obj as PolicyObject).spec ?? {};
const title = (d: string) => d.charAt(0).toUpperCase() + d.slice(1);

function podSelectorText(spec: NetworkPolicySpec): string | null {
  try {
    return labelSelectorText(spec.podSelector ?? {});
  } catch {
    return null; // an operator the API would have rejected: match nothing rather than everything
  }
}

function rulesTable(obj: KubeObject, direction: 'ingress' | 'egress') {
  const words = directionWords(specOf(obj), direction);
  return {
    id: `${direction}-rules`,
    title: `${title(direction)} rules`,
    columns: ['#', 'Rule'],
    rows: (words ?? []).map((w, i) => [String(i + 1), w]),
    empty: `Not restricted: this policy has no ${title(direction)} type, so other policies (or none) decide ${direction}.`,
  };
}

export const networkPoliciesKind: KindDescriptor<NetworkPolicySummary> = {
  id: 'networkpolicies',
  title: 'NetworkPolicies',
  titleSingular: 'NetworkPolicy',
  description: 'Which pods each policy isolates, and the ingress and egress it still allows.',
  nav: { group: 'network', order: 40 },
  kind: 'NetworkPolicy',
  group: 'networking.k8s.io',
  versions: ['v1'],
  plural: 'networkpolicies',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): NetworkPolicySummary {
    const spec = specOf(obj);
    return withBase(obj, {
      podSelector: podSelectorText(spec) || '<none>',
      types: effectiveTypes(spec).map(title).join(', '),
      ingressRules: spec.ingress?.length ?? 0,
      egressRules: spec.egress?.length ?? 0,
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.podSelector} ${s.types}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    { id: 'pod-selector', title: 'Pod selector', cell: 'mono', value: (s) => s.podSelector },
    { id: 'types', title: 'Policy types', cell: 'text', value: (s) => s.types },
    ageColumn,
  ],
  detail: {
    facts: (obj) => {
      const spec = specOf(obj);
      const ns = obj.metadata.namespace ?? '';
      const ingress = directionWords(spec, 'ingress');
      const egress = directionWords(spec, 'egress');
      const effect = (words: string[] | undefined) =>
        words === undefined
          ? 'not restricted by this policy'
          : words[0]?.startsWith('Denies')
            ? 'all denied'
            : words.length === 1
              ? 'only what the rule below allows'
              : `only what the ${words.length} rules below allow`;
      return [
        {
          label: 'Applies to',
          value: selectedPodsWords(spec, ns),
          hint: 'An empty pod selector selects every pod in the namespace',
        },
        { label: 'Policy types', value: effectiveTypes(spec).map(title).join(', ') },
        { label: 'Ingress', value: effect(ingress), tone: ingress?.[0]?.startsWith('Denies') ? 'red' : undefined },
        { label: 'Egress', value: effect(egress), tone: egress?.[0]?.startsWith('Denies') ? 'red' : undefined },
      ];
    },
    tables: (obj) => [rulesTable(obj, 'ingress'), rulesTable(obj, 'egress')],
    related: [{ kind: 'pods', title: 'Pods it selects', selector: (obj) => podSelectorText(specOf(obj)) }],
    conditions: false,
  },
};
