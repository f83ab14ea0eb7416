// Who may do what, beyond the people bootstrap.ts binds: shop-frontend's CI deploys as the
// ServiceAccount `deployer`, which a namespaced Role lets update and scale Deployments (and nothing
// else). Its image pull Secret is named, never read. The dashboard shows them on the Access pages and
// in the namespace's "who is bound to what"; issue 15 names this RoleBinding for `update deployments/scale`.
import { ensure, type Kube, type Obj } from './kube';

const RBAC = 'rbac.authorization.k8s.io/v1';
export const DEPLOYER = { namespace: 'shop-frontend', name: 'deployer' } as const;

export function accessObjects(): Obj[] {
  const { namespace, name } = DEPLOYER;
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace, labels: { app: 'ci' } },
      imagePullSecrets: [{ name: 'registry-pull' }],
    },
    {
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name, namespace },
      rules: [
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['update', 'patch'] },
        { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'update', 'patch'] },
        { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
      ],
    },
    {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: `${name}:deploy`, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  ];
}

export async function seedAccess(kube: Kube): Promise<void> {
  kube.log('service accounts and roles');
  // In order: the binding names the Role and the ServiceAccount.
  for (const obj of accessObjects()) await ensure(kube, obj);
}
