import { describe, expect, it } from 'vitest';

import { grantsFor, type BindingLike, type RoleLike } from '@/lib/k8s/rbac';
import {
  accessTarget,
  hpaEditAccess,
  personSubjects,
  whyBindings,
  whyWords,
  workloadActionAccess,
  type WhyAnswer,
} from '@/lib/k8s/why';

const scale = workloadActionAccess('deployments', 'scale', 'shop-frontend', 'storefront');

const operatorActions: RoleLike = {
  kind: 'ClusterRole',
  name: 'wheelhouse:operator-actions',
  rules: [{ verbs: ['patch', 'update'], apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'] }],
};
const view: RoleLike = {
  kind: 'ClusterRole',
  name: 'view',
  rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'] }],
};
const deployer: RoleLike = {
  kind: 'Role',
  namespace: 'shop-frontend',
  name: 'deployer',
  rules: [{ verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['web'] }],
};
const bindings: BindingLike[] = [
  {
    kind: 'ClusterRoleBinding',
    name: 'wheelhouse:operators-actions',
    roleRef: { kind: 'ClusterRole', name: 'wheelhouse:operator-actions' },
    subjects: [{ kind: 'Group', name: 'wheelhouse:operators' }],
  },
  {
    kind: 'RoleBinding',
    namespace: 'shop-frontend',
    name: 'wheelhouse:developers-view',
    roleRef: { kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'Group', name: 'wheelhouse:developers' }],
  },
  {
    kind: 'RoleBinding',
    namespace: 'shop-frontend',
    name: 'ci-deployer',
    roleRef: { kind: 'Role', name: 'deployer' },
    subjects: [{ kind: 'ServiceAccount', name: 'ci' }],
  },
  {
    kind: 'ClusterRoleBinding',
    name: 'system:controller:horizontal-pod-autoscaler',
    roleRef: { kind: 'ClusterRole', name: 'system:controller:horizontal-pod-autoscaler' },
    subjects: [{ kind: 'ServiceAccount', name: 'horizontal-pod-autoscaler', namespace: 'kube-system' }],
  },
];
const hpaController: RoleLike = {
  kind: 'ClusterRole',
  name: 'system:controller:horizontal-pod-autoscaler',
  rules: [{ verbs: ['update'], apiGroups: ['*'], resources: ['*/scale'] }],
};
const roles = [operatorActions, view, deployer, hpaController];
const bob = personSubjects('bob', ['wheelhouse:developers']);

function answer(over: Partial<Omit<WhyAnswer, 'words'>>): Omit<WhyAnswer, 'words'> {
  return {
    request: scale,
    target: accessTarget(scale),
    allowed: false,
    elevation: { mode: 'off' },
    grants: [],
    hidden: [],
    unreadableRoles: 0,
    ...over,
  };
}

describe('the request behind an action', () => {
  it('is update on the scale subresource for scale, patch on the workload for the rest', () => {
    expect(scale).toEqual({
      verb: 'update',
      group: 'apps',
      resource: 'deployments',
      subresource: 'scale',
      namespace: 'shop-frontend',
      name: 'storefront',
    });
    expect(workloadActionAccess('statefulsets', 'rollback', 'db', 'pg')).toMatchObject({
      verb: 'patch',
      resource: 'statefulsets',
    });
    expect(hpaEditAccess('shop', 'web')).toMatchObject({ group: 'autoscaling', resource: 'horizontalpodautoscalers' });
    expect(accessTarget(scale)).toBe('update deployments/scale (apps) on storefront in namespace shop-frontend');
  });
});

describe('whyBindings over grantsFor', () => {
  const everyone = bindings.flatMap((b) =>
    b.subjects.map((s) => (s.kind === 'ServiceAccount' && !s.namespace ? { ...s, namespace: b.namespace } : s)),
  );

  it('names the bindings that grant update deployments/scale, not those that only read', () => {
    const grants = whyBindings(grantsFor(everyone, scale, bindings, roles), bob);
    expect(grants.map((g) => g.name).sort()).toEqual([
      'system:controller:horizontal-pod-autoscaler',
      'wheelhouse:operators-actions',
    ]);
    expect(grants.find((g) => g.name === 'wheelhouse:operators-actions')).toMatchObject({
      subjects: ['Group wheelhouse:operators'],
      yours: false,
    });
  });

  it('a resourceNames rule grants only its object', () => {
    const web = { ...scale, name: 'web' };
    const grants = whyBindings(grantsFor(everyone, web, bindings, roles), bob);
    expect(grants.map((g) => g.name)).toContain('ci-deployer');
    expect(grants.find((g) => g.name === 'ci-deployer')?.subjects).toEqual(['ServiceAccount shop-frontend/ci']);
  });

  it("marks the person's own binding and lists it first", () => {
    const alice = personSubjects('alice', ['wheelhouse:operators']);
    const grants = whyBindings(grantsFor(everyone, scale, bindings, roles), alice);
    expect(grants[0]).toMatchObject({ name: 'wheelhouse:operators-actions', yours: true });
  });
});

describe('personSubjects', () => {
  it('is the user, their groups and system:authenticated; a ServiceAccount user is a ServiceAccount', () => {
    expect(personSubjects('bob', ['wheelhouse:developers'])).toEqual([
      { kind: 'User', name: 'bob' },
      { kind: 'Group', name: 'wheelhouse:developers' },
      { kind: 'Group', name: 'system:authenticated' },
    ]);
    expect(personSubjects('system:serviceaccount:ci:deployer', [])[0]).toEqual({
      kind: 'ServiceAccount',
      namespace: 'ci',
      name: 'deployer',
    });
  });
});

describe('whyWords', () => {
  it('names the refused verb and resource first', () => {
    const words = whyWords(answer({ hidden: ['rolebindings', 'roles', 'clusterrolebindings', 'clusterroles'] }));
    expect(words[0]).toBe(
      'Kubernetes refused you update deployments/scale in namespace shop-frontend (on storefront).',
    );
  });

  it('tells someone who may not read RBAC to ask an operator, naming nothing they may not read', () => {
    const words = whyWords(answer({ hidden: ['rolebindings', 'roles', 'clusterrolebindings', 'clusterroles'] }));
    expect(words.join(' ')).toContain('Ask an operator: the roles that grant it are not visible to you');
    expect(words.join(' ')).not.toMatch(/Granted/);
  });

  it('says elevation never grants rights, whether it is used or not', () => {
    expect(whyWords(answer({ elevation: { mode: 'off' } }))[1]).toMatch(/never grants rights/);
    expect(whyWords(answer({ elevation: { mode: 'required', active: false } }))[1]).toMatch(
      /would not help: it grants no Kubernetes rights/,
    );
    // Allowed but locked: elevation is what stands in the way.
    expect(whyWords(answer({ allowed: true, elevation: { mode: 'required', active: false } }))[1]).toMatch(
      /enable changes, with a reason/,
    );
  });

  it('lists who may, people first and Kubernetes’ own bindings counted apart', () => {
    const everyone = bindings.flatMap((b) => b.subjects);
    const grants = whyBindings(grantsFor(everyone, scale, bindings, roles), bob);
    const words = whyWords(answer({ grants }));
    expect(words).toContain(
      'Granted to others by ClusterRoleBinding wheelhouse:operators-actions (ClusterRole wheelhouse:operator-actions) → Group wheelhouse:operators.',
    );
    expect(words).toContain("Also by Kubernetes' own binding system:controller:horizontal-pod-autoscaler.");
    expect(words).toContain('Ask to be added to one of these groups, or ask an operator to do it for you.');
  });

  it('says when some roles could not be read and no readable binding grants it', () => {
    const words = whyWords(answer({ hidden: [], unreadableRoles: 2 }));
    expect(words.at(-1)).toBe('No binding you can read grants it; 2 name roles you may not read. Ask an operator.');
  });
});
