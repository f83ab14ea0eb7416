import type { V1RoleBinding } from '@kubernetes/client-node';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';

import { statusOf, type Clients } from '../local-cluster/test/kube';
import { BENCH_LABEL } from './seed';

// The benchmark's developer (bob, group wheelhouse:developers) reads a few bench namespaces, the way
// the demo seed lets developers read shop-frontend and shop-backend: a RoleBinding of the ClusterRole
// `view` to the group (local-cluster/control-plane/bootstrap.ts). The bindings live in the bench
// namespaces, so deleting those (cleanupBench) deletes them too.

export const DEVELOPER_GROUP = 'wheelhouse:developers';
export const DEVELOPER_BINDING = 'wheelhouse:developers-view';
/** The ClusterRole the demo binds developers to in their namespaces. */
export const DEVELOPER_ROLE = 'view';

export function developerBinding(namespace: string): V1RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: DEVELOPER_BINDING, namespace, labels: { [BENCH_LABEL]: 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: DEVELOPER_ROLE },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: DEVELOPER_GROUP }],
  };
}

/** Binds the developers' group to `view` in each namespace (idempotent: an existing binding is replaced). */
export async function grantDeveloperAccess(c: Pick<Clients, 'kc'>, namespaces: readonly string[]): Promise<void> {
  const rbac = c.kc.makeApiClient(RbacAuthorizationV1Api);
  for (const namespace of namespaces) {
    const body = developerBinding(namespace);
    try {
      await rbac.createNamespacedRoleBinding({ namespace, body });
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
      await rbac.replaceNamespacedRoleBinding({ name: DEVELOPER_BINDING, namespace, body });
    }
  }
}

/** The bench namespaces the developer gets: the first and the middle one (two, or fewer if there are fewer). */
export function developerNamespaces(namespaces: readonly string[], count = 2): string[] {
  const picks = [0, Math.floor(namespaces.length / 2)].slice(0, count);
  return [...new Set(picks.map((i) => namespaces[i]).filter((n): n is string => n !== undefined))];
}
