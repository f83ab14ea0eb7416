import { describe, expect, it } from 'vitest';

import type { KubeObject } from '@/lib/k8s/object';
import {
  bindingOf,
  bindingsNaming,
  grantsFor,
  namespaceGrants,
  roleOf,
  ruleAllows,
  ruleRows,
  rulesDigest,
  rulesOf,
  subjectText,
  type BindingLike,
  type RoleLike,
} from '@/lib/k8s/rbac';

const meta = (name: string, namespace?: string) => ({ uid: name, name, namespace, resourceVersion: '1' });
const G = 'rbac.authorization.k8s.io';

// The built-in `view` (abridged) and the local cluster's operator-actions role (bootstrap.ts).
const view: RoleLike = {
  kind: 'ClusterRole',
  name: 'view',
  rules: [
    { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'services', 'configmaps'] },
    { verbs: ['get', 'list', 'watch'], apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'] },
  ],
};
const operatorActions: RoleLike = {
  kind: 'ClusterRole',
  name: 'wheelhouse:operator-actions',
  rules: [
    { verbs: ['get', 'update', 'patch'], apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'] },
  ],
};
const deployer: RoleLike = {
  kind: 'Role',
  namespace: 'shop-frontend',
  name: 'deployer',
  rules: [{ verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['web'] }],
};
const developersView: BindingLike = {
  kind: 'RoleBinding',
  namespace: 'shop-frontend',
  name: 'wheelhouse:developers-view',
  roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'view' },
  subjects: [{ apiGroup: G, kind: 'Group', name: 'wheelhouse:developers' }],
};
const operatorsActions: BindingLike = {
  kind: 'ClusterRoleBinding',
  name: 'wheelhouse:operators-actions',
  roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'wheelhouse:operator-actions' },
  subjects: [{ apiGroup: G, kind: 'Group', name: 'wheelhouse:operators' }],
};
const deployerBinding: BindingLike = {
  kind: 'RoleBinding',
  namespace: 'shop-frontend',
  name: 'ci-deployer',
  roleRef: { apiGroup: G, kind: 'Role', name: 'deployer' },
  // No namespace: the binding's own (appliesToUser defaults it).
  subjects: [{ kind: 'ServiceAccount', name: 'ci' }],
};
const otherNsBinding: BindingLike = { ...developersView, namespace: 'shop-backend' };
const bindings = [developersView, operatorsActions, deployerBinding, otherNsBinding];
const roles = [view, operatorActions, deployer];

describe('reading RBAC objects', () => {
  it('keeps well-formed rules and drops malformed ones', () => {
    const obj = {
      metadata: meta('r', 'ns'),
      rules: [{ verbs: ['get'], resources: ['pods'], apiGroups: [''] }, { resources: 'pods' }, 'junk'],
    } as unknown as KubeObject;
    expect(rulesOf(obj)).toEqual([{ verbs: ['get'], resources: ['pods'], apiGroups: [''] }]);
    expect(roleOf(obj, 'Role')).toMatchObject({ kind: 'Role', namespace: 'ns', name: 'r' });
  });

  it('reads a binding with a colon name; one without a roleRef is not a binding', () => {
    const obj = {
      metadata: meta('system:controller:job-controller'),
      roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'system:controller:job-controller' },
      subjects: [{ kind: 'ServiceAccount', name: 'job-controller', namespace: 'kube-system' }, { name: 'no-kind' }],
    } as unknown as KubeObject;
    expect(bindingOf(obj, 'ClusterRoleBinding')).toEqual({
      kind: 'ClusterRoleBinding',
      namespace: undefined,
      name: 'system:controller:job-controller',
      roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'system:controller:job-controller' },
      subjects: [{ kind: 'ServiceAccount', name: 'job-controller', namespace: 'kube-system' }],
    });
    expect(bindingOf({ metadata: meta('x') } as KubeObject, 'ClusterRoleBinding')).toBeUndefined();
  });
});

describe('rules as a table and in one line', () => {
  it('rows are verbs × resources × API groups × resource names, core named, URLs shown', () => {
    expect(
      ruleRows([
        { verbs: ['get', 'list'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'] },
        { verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['web'] },
        { verbs: ['get'], nonResourceURLs: ['/healthz', '/metrics'] },
      ]),
    ).toEqual([
      ['get, list', 'pods, deployments', 'core, apps', 'any'],
      ['update', 'deployments/scale', 'apps', 'web'],
      ['get', 'URLs: /healthz, /metrics', '—', '—'],
    ]);
  });

  it('digests read-only, writing, everything and empty roles', () => {
    expect(rulesDigest(view.rules)).toBe('read 5 resources');
    expect(rulesDigest(operatorActions.rules)).toBe(
      'read, patch, update 2 resources (deployments/scale, statefulsets/scale)',
    );
    expect(rulesDigest([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }])).toBe('everything');
    expect(rulesDigest([{ verbs: ['*'], apiGroups: ['apps'], resources: ['*'] }])).toBe('all verbs on all resources');
    expect(rulesDigest([{ verbs: ['get'], nonResourceURLs: ['/healthz'] }])).toBe('1 URL');
    expect(rulesDigest([])).toBe('nothing');
  });

  it('names subjects, a ServiceAccount with its namespace', () => {
    expect(subjectText({ kind: 'Group', name: 'wheelhouse:developers' })).toBe('Group wheelhouse:developers');
    expect(subjectText({ kind: 'ServiceAccount', name: 'ci' }, 'shop-frontend')).toBe(
      'ServiceAccount shop-frontend/ci',
    );
  });
});

describe('subjects → roles → rules', () => {
  it('who is bound to what in a namespace: its RoleBindings, then every ClusterRoleBinding', () => {
    const grants = namespaceGrants('shop-frontend', bindings, roles);
    expect(grants.map((g) => [g.scope, subjectText(g.subject), g.binding.name, g.role?.name])).toEqual([
      ['namespace', 'Group wheelhouse:developers', 'wheelhouse:developers-view', 'view'],
      ['namespace', 'ServiceAccount shop-frontend/ci', 'ci-deployer', 'deployer'],
      ['cluster', 'Group wheelhouse:operators', 'wheelhouse:operators-actions', 'wheelhouse:operator-actions'],
    ]);
  });

  it('a role the person may not read (or that is gone) is joined as unknown, not dropped', () => {
    const grants = namespaceGrants('shop-frontend', [developersView], []);
    expect(grants).toHaveLength(1);
    expect(grants[0]?.role).toBeUndefined();
  });

  it('a ServiceAccount is named by bindings that qualify it or that sit in its namespace', () => {
    const ci = { kind: 'ServiceAccount', name: 'ci', namespace: 'shop-frontend' };
    expect(bindingsNaming(bindings, ci).map((b) => b.name)).toEqual(['ci-deployer']);
    expect(bindingsNaming(bindings, { ...ci, namespace: 'shop-backend' })).toEqual([]);
  });

  it('matches rules as the authorizer does: verbs, groups, subresources, resource names, wildcards', () => {
    const scale = { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'x' };
    expect(ruleAllows(operatorActions.rules[0]!, scale)).toBe(true);
    expect(ruleAllows(operatorActions.rules[0]!, { ...scale, subresource: undefined })).toBe(false);
    expect(ruleAllows(operatorActions.rules[0]!, { ...scale, verb: 'delete' })).toBe(false);
    expect(ruleAllows(operatorActions.rules[0]!, { ...scale, group: '' })).toBe(false);
    expect(ruleAllows({ verbs: ['*'], apiGroups: ['*'], resources: ['*/scale'] }, scale)).toBe(true);
    expect(ruleAllows(deployer.rules[0]!, { ...scale, name: 'web' })).toBe(true);
    expect(ruleAllows(deployer.rules[0]!, { ...scale, name: 'api' })).toBe(false);
    expect(ruleAllows(deployer.rules[0]!, scale)).toBe(false);
  });

  it('names the bindings that grant `update deployments/scale` (issue 15)', () => {
    const req = { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale' };
    const alice = [
      { kind: 'User', name: 'alice' },
      { kind: 'Group', name: 'wheelhouse:operators' },
    ];
    const bob = [
      { kind: 'User', name: 'bob' },
      { kind: 'Group', name: 'wheelhouse:developers' },
    ];
    expect(
      grantsFor(alice, { ...req, namespace: 'shop-frontend' }, bindings, roles).map((g) => g.binding.name),
    ).toEqual(['wheelhouse:operators-actions']);
    // view reads deployments/scale but grants no update.
    expect(grantsFor(bob, { ...req, namespace: 'shop-frontend' }, bindings, roles)).toEqual([]);
    const ci = { kind: 'ServiceAccount', name: 'ci', namespace: 'shop-frontend' };
    expect(grantsFor(ci, { ...req, namespace: 'shop-frontend', name: 'web' }, bindings, roles)).toHaveLength(1);
    // A RoleBinding never applies to a cluster-scoped request or another namespace.
    expect(grantsFor(ci, { ...req, name: 'web' }, bindings, roles)).toEqual([]);
    expect(grantsFor(ci, { ...req, namespace: 'shop-backend', name: 'web' }, bindings, roles)).toEqual([]);
  });
});
