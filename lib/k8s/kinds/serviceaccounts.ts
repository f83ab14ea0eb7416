import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type DetailTable,
  type KindDescriptor,
  type RelatedSpec,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import { subjectMatches } from '@/lib/k8s/rbac';

// ServiceAccounts (core v1): the names of their token and image-pull Secrets (never a token: the
// object carries only references) and the bindings that name them.

export interface ServiceAccountSummary extends BaseSummary {
  secrets: string[];
  imagePullSecrets: string[];
  /** spec-level automountServiceAccountToken; undefined: the default (mounted). */
  automount?: boolean;
}

type ServiceAccountObject = KubeObject & {
  secrets?: { name?: string }[];
  imagePullSecrets?: { name?: string }[];
  automountServiceAccountToken?: boolean;
};

const names = (refs: { name?: string }[] | undefined): string[] =>
  (refs ?? []).map((r) => r.name ?? '').filter(Boolean);

function toSummary(obj: KubeObject): ServiceAccountSummary {
  const sa = obj as ServiceAccountObject;
  return withBase(obj, {
    secrets: names(sa.secrets),
    imagePullSecrets: names(sa.imagePullSecrets),
    ...(typeof sa.automountServiceAccountToken === 'boolean' ? { automount: sa.automountServiceAccountToken } : {}),
  });
}

function secretsTable(_obj: KubeObject, s: ServiceAccountSummary): DetailTable {
  return {
    id: 'secrets',
    title: 'Secrets',
    columns: ['Secret', 'Used for'],
    rows: [...s.secrets.map((n) => [n, 'API token']), ...s.imagePullSecrets.map((n) => [n, 'pulling images'])],
    empty: 'No Secrets referenced.',
  };
}

/** Bindings (their summaries, lib/k8s/kinds/rolebindings.ts) that name this ServiceAccount. */
function namesThis(obj: KubeObject, c: BaseSummary): boolean {
  const subjects = (c as BaseSummary & { subjects?: { kind: string; name: string; namespace?: string }[] }).subjects;
  const me = { kind: 'ServiceAccount', name: obj.metadata.name, namespace: obj.metadata.namespace };
  return (subjects ?? []).some((s) => subjectMatches(s, c.namespace, me));
}

const related: RelatedSpec[] = [
  // A RoleBinding in any namespace may name a ServiceAccount of another.
  { kind: 'rolebindings', title: 'Bound by RoleBindings', allNamespaces: true, match: namesThis },
  { kind: 'clusterrolebindings', title: 'Bound by ClusterRoleBindings', match: namesThis },
];

export const serviceAccountsKind: KindDescriptor<ServiceAccountSummary> = {
  id: 'serviceaccounts',
  title: 'ServiceAccounts',
  titleSingular: 'ServiceAccount',
  description: 'ServiceAccounts: the identities pods run as, and what they are bound to.',
  nav: { group: 'access', order: 10 },
  kind: 'ServiceAccount',
  group: '',
  versions: ['v1'],
  plural: 'serviceaccounts',
  namespaced: true,
  indexes: [],
  toSummary,
  searchText: defaultSearchText,
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    // kubectl's SECRETS: how many the ServiceAccount references.
    { id: 'secrets', title: 'Secrets', cell: 'number', value: (s) => s.secrets.length },
    { id: 'pull', title: 'Image pull Secrets', cell: 'text', value: (s) => s.imagePullSecrets.join(', ') || '—' },
    ageColumn,
  ],
  detail: {
    facts: (_obj, s) => [
      {
        label: 'Token automount',
        value: s.automount === false ? 'off' : 'on',
        hint: 'automountServiceAccountToken; a pod may override it',
      },
      { label: 'Secrets', value: String(s.secrets.length + s.imagePullSecrets.length) },
    ],
    tables: (obj, s) => [secretsTable(obj, s)],
    related,
    conditions: false,
  },
};
