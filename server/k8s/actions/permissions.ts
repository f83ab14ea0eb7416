import 'server-only';

import { workloadOffers } from '@/lib/k8s/kinds/workload-traits';
import type { WorkloadAction } from '@/lib/k8s/kinds/descriptor';
import type { WorkloadActionsView, WorkloadKind } from '@/lib/k8s/rollout/actions';
import type { Identity } from '@/server/auth/identity';
import type { UserKube } from '@/server/k8s/actions/user-kube';

// Which buttons to show: SelfSubjectAccessReviews created AS the person (impersonated), answered
// briefly cached per person. Only a hint for the UI (STYLE.md rule 5): the API server still decides
// every real request, and a hidden button is no defence — a forged POST is refused by RBAC.

const TTL_MS = 15_000;
const MAX_ENTRIES = 10_000;

interface Review {
  verb: 'patch' | 'update' | 'create';
  group: string;
  resource: string;
  subresource?: string;
  namespace: string;
  name?: string;
}

const cache = new Map<string, { allowed: boolean; expires: number }>();

export async function selfReview(kube: UserKube, who: Identity, r: Review): Promise<boolean> {
  const key = [
    kube.cluster,
    who.user,
    [...who.groups].sort().join(','),
    r.verb,
    r.group,
    r.resource,
    r.subresource ?? '',
    r.namespace,
    r.name ?? '',
  ].join('\u0000');
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.allowed;
  let allowed = false;
  try {
    const res = await kube.request<{ status?: { allowed?: boolean } }>({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { ...r } },
      },
    });
    allowed = res.status?.allowed === true;
  } catch {
    allowed = false; // no answer = no button; the API server would decide anyway
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { allowed, expires: Date.now() + TTL_MS });
  return allowed;
}

export async function workloadPermissions(
  kube: UserKube,
  who: Identity,
  kind: WorkloadKind,
  namespace: string,
  name: string,
  hpaName: string | undefined,
): Promise<WorkloadActionsView['permissions']> {
  const base = { group: 'apps', resource: kind, namespace, name };
  const [patch, scale, hpa] = await Promise.all([
    selfReview(kube, who, { verb: 'patch', ...base }),
    workloadOffers(kind, 'scale') ? selfReview(kube, who, { verb: 'update', ...base, subresource: 'scale' }) : false,
    hpaName
      ? selfReview(kube, who, {
          verb: 'patch',
          group: 'autoscaling',
          resource: 'horizontalpodautoscalers',
          namespace,
          name: hpaName,
        })
      : false,
  ]);
  const offers = (action: WorkloadAction) => patch && workloadOffers(kind, action);
  return {
    scale,
    rollback: offers('rollback'),
    restart: offers('restart'),
    pause: offers('pause'),
    resume: offers('resume'),
    abort: offers('abort'),
    hpaEdit: hpa,
  };
}
