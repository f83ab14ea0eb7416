import { describe, expect, it } from 'vitest';

import type { BaseSummary, Column } from '@/lib/k8s/kinds/descriptor';
import { kindById } from '@/lib/k8s/kinds';
import {
  clusterRoleBindingsKind,
  namespaceAccessRows,
  roleBindingsKind,
  type BindingSummary,
} from '@/lib/k8s/kinds/rolebindings';
import { clusterRolesKind, rolesKind, type RoleSummary } from '@/lib/k8s/kinds/roles';
import { serviceAccountsKind } from '@/lib/k8s/kinds/serviceaccounts';
import { namespaceSchema, objectNameSchema } from '@/lib/k8s/names';
import type { KubeObject } from '@/lib/k8s/object';
import { routes } from '@/lib/routes';

const G = 'rbac.authorization.k8s.io';
const ctx = { cluster: 'local' };
const obj = (name: string, namespace: string | undefined, rest: Record<string, unknown> = {}, labels = {}) =>
  ({ metadata: { uid: name, name, namespace, resourceVersion: '1', labels }, ...rest }) as unknown as KubeObject;
const cell = <S>(cols: readonly Column<S>[] | undefined, id: string, s: S) => cols?.find((c) => c.id === id)?.value(s);

const jobController = obj('system:controller:job-controller', undefined, {
  rules: [
    { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'update', 'patch'] },
    { apiGroups: ['batch'], resources: ['jobs/finalizers', 'jobs/status'], verbs: ['update'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch', 'create', 'delete', 'patch'] },
    { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  ],
});
const viewRole = obj(
  'view',
  undefined,
  {
    aggregationRule: {
      clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }],
    },
    rules: [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }],
  },
  { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
);
const developersView = obj('wheelhouse:developers-view', 'shop-frontend', {
  roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'view' },
  subjects: [{ apiGroup: G, kind: 'Group', name: 'wheelhouse:developers' }],
});
const ciBinding = obj('ci', 'shop-frontend', {
  roleRef: { apiGroup: G, kind: 'Role', name: 'deployer' },
  subjects: [{ kind: 'ServiceAccount', name: 'ci' }],
});

describe('names with colons (RBAC)', () => {
  it('route and API name rules take system:controller:job-controller; links encode it once', () => {
    expect(objectNameSchema.safeParse('system:controller:job-controller').success).toBe(true);
    for (const bad of ['', '.', '..', 'a/b', 'a%2Fb']) expect(objectNameSchema.safeParse(bad).success, bad).toBe(false);
    expect(namespaceSchema.safeParse('kube:system').success).toBe(false);
    const href = routes.object('local', 'clusterroles', undefined, 'system:controller:job-controller');
    expect(href).toBe('/c/local/clusterroles/system%3Acontroller%3Ajob-controller');
    const segment = href.split('/').pop() ?? '';
    expect(objectNameSchema.parse(decodeURIComponent(segment))).toBe('system:controller:job-controller');
  });

  it('registers the five kinds under Access control, cluster-scoped ones as such', () => {
    for (const id of ['serviceaccounts', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']) {
      expect(kindById(id)?.nav?.group, id).toBe('access');
      expect(kindById(id)?.detail, id).toBeDefined();
    }
    expect(kindById('clusterroles')?.namespaced).toBe(false);
    expect(kindById('rolebindings')?.namespaced).toBe(true);
  });
});

describe('Roles and ClusterRoles', () => {
  it('summarises a ClusterRole: rule count and what it allows', () => {
    const s = clusterRolesKind.toSummary(jobController);
    expect(s).toMatchObject({ name: 'system:controller:job-controller', rules: 4, aggregated: false });
    expect(cell(clusterRolesKind.columns, 'allows', s)).toBe('read, create, delete, patch, update 5 resources');
  });

  it('shows the rules as a table and an aggregated role its selectors', () => {
    const s = clusterRolesKind.toSummary(viewRole);
    const tables = clusterRolesKind.detail?.tables?.(viewRole, s, ctx) ?? [];
    expect(tables.map((t) => t.id)).toEqual(['rules', 'aggregation']);
    expect(tables[0]?.columns).toEqual(['Verbs', 'Resources', 'API groups', 'Resource names']);
    expect(tables[0]?.rows).toEqual([['get, list, watch', 'pods, services', 'core', 'any']]);
    expect(tables[1]?.rows).toEqual([['rbac.authorization.k8s.io/aggregate-to-view=true']]);
    expect(clusterRolesKind.detail?.facts?.(viewRole, s, ctx).map((f) => f.label)).toContain('Aggregated');
  });

  it('relates a role to the bindings that grant it and to the roles aggregated into it', () => {
    const related = clusterRolesKind.detail?.related ?? [];
    const rb = roleBindingsKind.toSummary(developersView);
    const crbs = related.find((r) => r.kind === 'clusterrolebindings');
    const rbs = related.find((r) => r.kind === 'rolebindings');
    expect(rbs?.allNamespaces).toBe(true);
    expect(rbs?.match?.(viewRole, rb)).toBe(true);
    expect(rbs?.match?.(jobController, rb)).toBe(false);
    expect(crbs?.match?.(viewRole, rb)).toBe(true);
    const aggregated = related.find((r) => r.kind === 'clusterroles');
    const certView = clusterRolesKind.toSummary(
      obj('cert-manager-view', undefined, { rules: [] }, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
    );
    expect(aggregated?.match?.(viewRole, certView)).toBe(true);
    expect(aggregated?.match?.(viewRole, clusterRolesKind.toSummary(jobController))).toBe(false);
    // A Role is granted only by a RoleBinding naming a Role of that name, never a ClusterRole's.
    const roleRelated = rolesKind.detail?.related?.[0];
    const deployer = obj('deployer', 'shop-frontend', { rules: [] });
    expect(roleRelated?.match?.(deployer, roleBindingsKind.toSummary(ciBinding))).toBe(true);
    expect(roleRelated?.match?.(obj('view', 'shop-frontend'), rb)).toBe(false);
  });
});

describe('RoleBindings and ClusterRoleBindings', () => {
  it("a binding's summary, columns and facts: role linked, subjects counted", () => {
    const s = roleBindingsKind.toSummary(developersView);
    expect(s.roleRef).toEqual({ kind: 'ClusterRole', name: 'view' });
    expect(s.subjects).toEqual([{ kind: 'Group', name: 'wheelhouse:developers' }]);
    expect(cell(roleBindingsKind.columns, 'role', s)).toBe('ClusterRole/view');
    expect(cell(roleBindingsKind.columns, 'subjects', s)).toBe('Group wheelhouse:developers');
    const facts = roleBindingsKind.detail?.facts?.(developersView, s, ctx) ?? [];
    expect(facts[0]).toMatchObject({ label: 'Role', value: 'ClusterRole/view', href: '/c/local/clusterroles/view' });
    const ci = roleBindingsKind.toSummary(ciBinding);
    expect(roleBindingsKind.detail?.facts?.(ciBinding, ci, ctx)[0]?.href).toBe('/c/local/roles/shop-frontend/deployer');
    expect(cell(roleBindingsKind.columns, 'subjects', ci)).toBe('ServiceAccount shop-frontend/ci');
  });
});

describe('ServiceAccounts', () => {
  const sa = obj('ci', 'shop-frontend', {
    secrets: [{ name: 'ci-token-x7k2p' }],
    imagePullSecrets: [{ name: 'registry' }],
    automountServiceAccountToken: false,
  });

  it('lists its Secrets by name only, token automount in words', () => {
    const s = serviceAccountsKind.toSummary(sa);
    expect(cell(serviceAccountsKind.columns, 'secrets', s)).toBe(1);
    const table = serviceAccountsKind.detail?.tables?.(sa, s, ctx)[0];
    expect(table?.rows).toEqual([
      ['ci-token-x7k2p', 'API token'],
      ['registry', 'pulling images'],
    ]);
    expect(serviceAccountsKind.detail?.facts?.(sa, s, ctx)[0]).toMatchObject({
      label: 'Token automount',
      value: 'off',
    });
  });

  it('finds the bindings that name it, a namespace-less subject meaning the binding’s namespace', () => {
    const [rbs, crbs] = serviceAccountsKind.detail?.related ?? [];
    expect(rbs?.match?.(sa, roleBindingsKind.toSummary(ciBinding))).toBe(true);
    expect(rbs?.match?.(sa, roleBindingsKind.toSummary(developersView))).toBe(false);
    const elsewhere = roleBindingsKind.toSummary({
      ...ciBinding,
      metadata: { ...ciBinding.metadata, namespace: 'other' },
    });
    expect(rbs?.match?.(sa, elsewhere as BaseSummary)).toBe(false);
    const crb = clusterRoleBindingsKind.toSummary(
      obj('ci-read', undefined, {
        roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: 'shop-frontend' }],
      }),
    );
    expect(crbs?.match?.(sa, crb)).toBe(true);
  });
});

describe("a namespace's who is bound to what", () => {
  const roles: RoleSummary[] = [rolesKind.toSummary(obj('deployer', 'shop-frontend', { rules: [] }))];
  const clusterRoles = [clusterRolesKind.toSummary(viewRole), clusterRolesKind.toSummary(jobController)];
  const clusterRoleBindings: BindingSummary[] = [
    clusterRoleBindingsKind.toSummary(
      obj('system:controller:job-controller', undefined, {
        roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'system:controller:job-controller' },
        subjects: [{ kind: 'ServiceAccount', name: 'job-controller', namespace: 'kube-system' }],
      }),
    ),
    clusterRoleBindingsKind.toSummary(
      obj('wheelhouse:operators-view', undefined, {
        roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'view' },
        subjects: [{ apiGroup: G, kind: 'Group', name: 'wheelhouse:operators' }],
      }),
    ),
  ];
  const rows = namespaceAccessRows('local', 'shop-frontend', {
    roleBindings: [roleBindingsKind.toSummary(developersView), roleBindingsKind.toSummary(ciBinding)],
    clusterRoleBindings,
    roles,
    clusterRoles,
  });

  it('joins subject → role → what it allows, the namespace first, with links', () => {
    expect(rows.map((r) => [r.scope, r.subject, r.role, r.allows, r.system])).toEqual([
      ['namespace', 'Group wheelhouse:developers', 'ClusterRole view', 'read 2 resources (pods, services)', false],
      ['namespace', 'ServiceAccount shop-frontend/ci', 'Role deployer', 'nothing', false],
      ['cluster', 'Group wheelhouse:operators', 'ClusterRole view', 'read 2 resources (pods, services)', false],
      [
        'cluster',
        'ServiceAccount kube-system/job-controller',
        'ClusterRole system:controller:job-controller',
        'read, create, delete, patch, update 5 resources',
        true,
      ],
    ]);
    expect(rows[0]?.bindingHref).toBe('/c/local/rolebindings/shop-frontend/wheelhouse%3Adevelopers-view');
    expect(rows[1]?.subjectHref).toBe('/c/local/serviceaccounts/shop-frontend/ci');
    expect(rows[1]?.roleHref).toBe('/c/local/roles/shop-frontend/deployer');
  });

  it('keeps a grant whose role the person may not read, saying nothing of its rules', () => {
    const blind = namespaceAccessRows('local', 'shop-frontend', {
      roleBindings: [roleBindingsKind.toSummary(developersView)],
      clusterRoleBindings: [],
      roles: [],
      clusterRoles: [],
    });
    expect(blind).toHaveLength(1);
    expect(blind[0]?.allows).toBeUndefined();
  });
});
