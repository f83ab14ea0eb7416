import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type DetailSpec,
  type DetailTable,
  type Fact,
  type KindDescriptor,
  type RelatedSpec,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import { labelSelectorText, matches, selectorFromObject } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';
import { aggregationSelectorsOf, RULE_COLUMNS, ruleRows, rulesDigest, rulesOf } from '@/lib/k8s/rbac';

// Roles and ClusterRoles (rbac.authorization.k8s.io/v1): their rules as a table, what they allow in
// one line, and which bindings grant them. Names may hold colons (system:controller:job-controller).

export interface RoleSummary extends BaseSummary {
  rules: number;
  /** What the rules allow, in one line (lib/k8s/rbac.ts rulesDigest). */
  allows: string;
  /** A ClusterRole whose rules the controller aggregates from other ClusterRoles. */
  aggregated: boolean;
}

/** A binding's summary as bindings.ts builds it; only the fields the joins read. */
interface BindingCandidate extends BaseSummary {
  roleRef?: { kind: string; name: string };
}

function roleSummary(obj: KubeObject): RoleSummary {
  const rules = rulesOf(obj);
  return withBase(obj, {
    rules: rules.length,
    allows: rulesDigest(rules),
    aggregated: aggregationSelectorsOf(obj).length > 0,
  });
}

function rulesTable(obj: KubeObject): DetailTable {
  const aggregated = aggregationSelectorsOf(obj).length > 0;
  return {
    id: 'rules',
    title: 'Rules',
    columns: RULE_COLUMNS,
    rows: ruleRows(rulesOf(obj)),
    empty: aggregated ? 'No rules yet: none of the aggregated ClusterRoles has any.' : 'This role allows nothing.',
  };
}

function roleFacts(obj: KubeObject, s: RoleSummary): Fact[] {
  const facts: Fact[] = [
    { label: 'Allows', value: s.allows },
    { label: 'Rules', value: String(s.rules) },
  ];
  if (s.aggregated) {
    facts.push({
      label: 'Aggregated',
      value: 'yes',
      hint: 'Rules are gathered from the ClusterRoles its selectors match',
    });
  }
  return facts;
}

const grantedBy = (kind: 'Role' | 'ClusterRole') => (obj: KubeObject, c: BaseSummary) => {
  const ref = (c as BindingCandidate).roleRef;
  return ref?.kind === kind && ref.name === obj.metadata.name;
};

const roleDetail: DetailSpec<RoleSummary> = {
  facts: roleFacts,
  tables: (obj) => [rulesTable(obj)],
  related: [{ kind: 'rolebindings', title: 'Granted by RoleBindings', match: grantedBy('Role') }],
  conditions: false,
};

/** The aggregated ClusterRoles' label selectors, as kubectl label-selector text. */
function aggregationTable(obj: KubeObject): DetailTable[] {
  const selectors = aggregationSelectorsOf(obj);
  if (!selectors.length) return [];
  return [
    {
      id: 'aggregation',
      title: 'Aggregation rule',
      columns: ['ClusterRoles labelled'],
      rows: selectors.map((ls) => {
        try {
          return [labelSelectorText(ls) || 'every ClusterRole'];
        } catch {
          return ['(invalid selector)'];
        }
      }),
    },
  ];
}

const aggregatedFrom: RelatedSpec = {
  kind: 'clusterroles',
  title: 'Aggregated from',
  match(obj, c) {
    if (c.name === obj.metadata.name) return false;
    return aggregationSelectorsOf(obj).some((ls) => {
      try {
        const sel = selectorFromObject(ls);
        return sel !== null && sel.length > 0 && matches(sel, c.labels);
      } catch {
        return false;
      }
    });
  },
};

const clusterRoleDetail: DetailSpec<RoleSummary> = {
  facts: roleFacts,
  tables: (obj) => [rulesTable(obj), ...aggregationTable(obj)],
  related: [
    { kind: 'clusterrolebindings', title: 'Granted by ClusterRoleBindings', match: grantedBy('ClusterRole') },
    {
      kind: 'rolebindings',
      title: 'Granted in namespaces by RoleBindings',
      allNamespaces: true,
      match: grantedBy('ClusterRole'),
    },
    aggregatedFrom,
  ],
  conditions: false,
};

const common = {
  group: 'rbac.authorization.k8s.io',
  versions: ['v1'],
  indexes: [],
  toSummary: roleSummary,
  searchText: (s: RoleSummary) => `${defaultSearchText(s)} ${s.allows}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    rules: (a: RoleSummary, b: RoleSummary) => a.rules - b.rules || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    { id: 'rules', title: 'Rules', cell: 'number', value: (s: RoleSummary) => s.rules, sort: 'rules' },
    { id: 'allows', title: 'Allows', cell: 'text', value: (s: RoleSummary) => s.allows },
    ageColumn,
  ],
} as const satisfies Partial<KindDescriptor<RoleSummary>>;

export const rolesKind: KindDescriptor<RoleSummary> = {
  ...common,
  id: 'roles',
  title: 'Roles',
  titleSingular: 'Role',
  description: 'Roles: what may be done in one namespace, and who is granted it.',
  nav: { group: 'access', order: 20 },
  kind: 'Role',
  plural: 'roles',
  namespaced: true,
  detail: roleDetail,
};

export const clusterRolesKind: KindDescriptor<RoleSummary> = {
  ...common,
  id: 'clusterroles',
  title: 'ClusterRoles',
  titleSingular: 'ClusterRole',
  description: 'ClusterRoles: what may be done cluster-wide or, bound by a RoleBinding, in a namespace.',
  nav: { group: 'access', order: 40 },
  kind: 'ClusterRole',
  plural: 'clusterroles',
  namespaced: false,
  detail: clusterRoleDetail,
};
