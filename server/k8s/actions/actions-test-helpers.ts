import 'server-only';

import { randomUUID } from 'node:crypto';

import type { ActionResult, WorkloadActionsView, WorkloadKind } from '@/lib/k8s/rollout/actions';
import type { Identity } from '@/server/auth/identity';
import { auditStore } from '@/server/audit/store';
import type { AuditEntry } from '@/server/audit/types';
import { runNamedAction } from '@/server/k8s/actions/registry';
import { userKube } from '@/server/k8s/actions/user-kube';
import { workloadActionsView } from '@/server/k8s/actions/view';

// Helpers for the integration tests: act as a person through the same server functions the route
// handlers call (the route adds only session, CSRF and rate limit).

export const alice: Identity = { user: 'alice', groups: ['wheelhouse:operators'] };
export const bob: Identity = { user: 'bob', groups: ['wheelhouse:developers'] };

export function view(who: Identity, kind: WorkloadKind, namespace: string, name: string): Promise<WorkloadActionsView> {
  return workloadActionsView(userKube({ name: 'local' }, who), who, kind, namespace, name);
}

export function act(
  who: Identity,
  action: string,
  target: { kind: string; namespace: string; name: string },
  body: Record<string, unknown>,
): Promise<ActionResult> {
  return runNamedAction(who, { cluster: 'local', ...target, action }, { requestId: randomUUID(), ...body });
}

export async function auditFor(requestId: string): Promise<AuditEntry | undefined> {
  const store = await auditStore();
  const page = await store.list({ cluster: 'local' }, { limit: 200 });
  return page.entries.find((e) => e.requestId === requestId);
}
