import 'server-only';

import type { Identity } from '@/server/auth/identity';
import { serverEnv } from '@/server/env';
import type { ClusterCache } from '@/server/k8s/cache';

import type { AuditStore } from './store';
import type { AuditFilter } from './types';

// Who may read the audit log (ADR 0005). Members of WHEELHOUSE_AUDITOR_GROUPS read everything.
// Everyone else reads their own entries plus the entries of namespaces whose Deployments they may
// list: the API server decides (SubjectAccessReview as them, through the shared access cache), the
// same rule that decides whether they see those workloads at all. An entry can reveal no more than
// the person could already read, except the attempt itself, which they made.

export type AuditVisibility = AuditFilter['visibleTo'];

export function isAuditor(identity: Identity): boolean {
  const auditors = serverEnv().audit.auditorGroups;
  return identity.groups.some((g) => auditors.includes(g));
}

const READ_TARGET = { verb: 'list', group: 'apps', resource: 'deployments' } as const;

export async function auditVisibility(
  identity: Identity,
  cluster: string,
  cache: ClusterCache,
  store: AuditStore,
): Promise<AuditVisibility> {
  if (isAuditor(identity)) return undefined;
  const who = { user: identity.user, groups: identity.groups };
  if (await cache.access.allowed(who, { ...READ_TARGET, namespace: '' })) {
    return { user: identity.user, namespaces: 'all' };
  }
  const present = await store.namespaces(cluster);
  const answers = await Promise.all(
    present.map(async (ns) => [ns, await cache.access.allowed(who, { ...READ_TARGET, namespace: ns })] as const),
  );
  return { user: identity.user, namespaces: answers.filter(([, ok]) => ok).map(([ns]) => ns) };
}
