import {
  ageColumn,
  byAge,
  byName,
  compareText,
  defaultSearchText,
  type BaseSummary,
  type DetailContext,
  type DetailSpec,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import type { RoleSummary } from '@/lib/k8s/kinds/roles';
import {
  namespaceGrants,
  roleRefOf,
  subjectsOf,
  subjectText,
  type BindingKind,
  type BindingLike,
} from '@/lib/k8s/rbac';
import { routes } from '@/lib/routes';

// RoleBindings and ClusterRoleBindings (rbac.authorization.k8s.io/v1): which role, granted to whom.
// The summary keeps the role reference and the subjects (a few short strings each), so the joins
// (a role's "granted by", a ServiceAccount's "bound by", a namespace's "who is bound to what") run
// on list summaries the person may read.

export interface BindingSummary extends BaseSummary {
  roleRef: { kind: string; name: string };
  subjects: { kind: string; name: string; namespace?: string }[];
}

function bindingSummary(obj: KubeObject): BindingSummary {
  const ref = roleRefOf(obj);
  return withBase(obj, {
    roleRef: { kind: ref?.kind ?? '', name: ref?.name ?? '' },
    subjects: subjectsOf(obj).map((s) => ({
      kind: s.kind,
      name: s.name,
      ...(s.namespace ? { namespace: s.namespace } : {}),
    })),
  });
}

/** kubectl's ROLE column: "ClusterRole/view". */
export function roleRefText(s: BindingSummary): string {
  return s.roleRef.name ? `${s.roleRef.kind}/${s.roleRef.name}` : '<none>';
}

/** The subjects in one cell: "Group wheelhouse:developers", "3 subjects: …". */
export function subjectsText(s: BindingSummary): string {
  if (!s.subjects.length) return '<none>';
  return s.subjects.map((x) => subjectText(x, s.namespace)).join(', ');
}

/** The page of the role a binding grants (a RoleBinding's Role is in its own namespace). */
export function roleHref(cluster: string, s: BindingSummary): string | undefined {
  if (s.roleRef.kind === 'ClusterRole') return routes.object(cluster, 'clusterroles', undefined, s.roleRef.name);
  if (s.roleRef.kind === 'Role' && s.namespace) return routes.object(cluster, 'roles', s.namespace, s.roleRef.name);
  return undefined;
}

/** The subjects and the granted role's rules are the panel's (components/kinds/rolebindings): links. */
function bindingFacts(_obj: KubeObject, s: BindingSummary, ctx: DetailContext): Fact[] {
  return [
    { label: 'Role', value: roleRefText(s), mono: true, href: roleHref(ctx.cluster, s) },
    {
      label: 'Applies in',
      value: s.namespace ? `namespace ${s.namespace}` : 'every namespace, and cluster-wide',
    },
    {
      label: 'Subjects',
      value: s.subjects.length ? String(s.subjects.length) : 'none: this binding grants nobody anything',
    },
  ];
}

/** A subject's page, when it has one (ServiceAccounts; users and groups live outside the cluster). */
export function subjectHref(
  cluster: string,
  subject: { kind: string; name: string; namespace?: string },
  bindingNamespace?: string,
): string | undefined {
  const ns = subject.namespace || bindingNamespace;
  return subject.kind === 'ServiceAccount' && ns
    ? routes.object(cluster, 'serviceaccounts', ns, subject.name)
    : undefined;
}

const detail: DetailSpec<BindingSummary> = {
  facts: bindingFacts,
  panel: true,
  conditions: false,
};

const common = {
  group: 'rbac.authorization.k8s.io',
  versions: ['v1'],
  indexes: [],
  toSummary: bindingSummary,
  searchText: (s: BindingSummary) =>
    `${defaultSearchText(s)} ${roleRefText(s)} ${s.subjects.map((x) => x.name).join(' ')}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    role: (a: BindingSummary, b: BindingSummary) => compareText(roleRefText(a), roleRefText(b)) || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    { id: 'role', title: 'Role', cell: 'mono', value: roleRefText, sort: 'role' },
    { id: 'subjects', title: 'Subjects', cell: 'text', value: subjectsText },
    ageColumn,
  ],
  detail,
} as const satisfies Partial<KindDescriptor<BindingSummary>>;

export const roleBindingsKind: KindDescriptor<BindingSummary> = {
  ...common,
  id: 'rolebindings',
  title: 'RoleBindings',
  titleSingular: 'RoleBinding',
  description: 'RoleBindings: who is granted which role in a namespace.',
  nav: { group: 'access', order: 30 },
  kind: 'RoleBinding',
  plural: 'rolebindings',
  namespaced: true,
};

export const clusterRoleBindingsKind: KindDescriptor<BindingSummary> = {
  ...common,
  id: 'clusterrolebindings',
  title: 'ClusterRoleBindings',
  titleSingular: 'ClusterRoleBinding',
  description: 'ClusterRoleBindings: who is granted a ClusterRole in every namespace and cluster-wide.',
  nav: { group: 'access', order: 50 },
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  namespaced: false,
};

// ——— who is bound to what in a namespace, from list summaries ———

export function bindingFromSummary(s: BindingSummary, kind: BindingKind): BindingLike {
  return { kind, namespace: s.namespace, name: s.name, roleRef: s.roleRef, subjects: s.subjects };
}

export interface AccessRow {
  scope: 'namespace' | 'cluster';
  subject: string;
  subjectHref?: string;
  role: string;
  roleHref?: string;
  /** What the role allows (RoleSummary.allows); undefined when it is missing or unreadable. */
  allows?: string;
  binding: string;
  bindingHref: string;
  /** Kubernetes' own (system: names): hidden until asked for. */
  system: boolean;
}

/**
 * The namespace's "who is bound to what": its RoleBindings, then the ClusterRoleBindings that apply
 * in every namespace, each subject with its role and what the role allows (lib/k8s/rbac.ts joins).
 */
export function namespaceAccessRows(
  cluster: string,
  namespace: string,
  input: {
    roleBindings: readonly BindingSummary[];
    clusterRoleBindings: readonly BindingSummary[];
    roles: readonly RoleSummary[];
    clusterRoles: readonly RoleSummary[];
  },
): AccessRow[] {
  const bindings = [
    ...input.roleBindings.map((b) => bindingFromSummary(b, 'RoleBinding')),
    ...input.clusterRoleBindings.map((b) => bindingFromSummary(b, 'ClusterRoleBinding')),
  ];
  const roles = [
    ...input.roles.map((r) => ({ ...r, kind: 'Role' as const })),
    ...input.clusterRoles.map((r) => ({ ...r, kind: 'ClusterRole' as const, namespace: undefined })),
  ];
  return namespaceGrants(namespace, bindings, roles).map((g) => {
    const b = g.binding;
    const bindingKind = b.kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings';
    const asSummary = { namespace: b.namespace, roleRef: b.roleRef } as BindingSummary;
    return {
      scope: g.scope,
      subject: subjectText(g.subject, b.namespace),
      subjectHref: subjectHref(cluster, g.subject, b.namespace),
      role: `${b.roleRef.kind} ${b.roleRef.name}`,
      roleHref: roleHref(cluster, asSummary),
      allows: g.role?.allows,
      binding: b.name,
      bindingHref: routes.object(cluster, bindingKind, b.namespace, b.name),
      system: g.subject.name.startsWith('system:') || b.name.startsWith('system:'),
    };
  });
}
