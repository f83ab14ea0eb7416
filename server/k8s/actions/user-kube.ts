import 'server-only';

import type { Identity } from '@/server/auth/identity';
import { serverEnv } from '@/server/env';
import { dashboardKubeConfig, type ClusterRef } from '@/server/k8s/cluster';
import type { KubeError } from '@/server/k8s/errors';
import { toKubeError } from '@/server/k8s/errors';
import { HttpStatusError, kubeJson, type KubeRequest } from '@/server/k8s/transport';

// Requests made AS the signed-in person: the dashboard's credentials plus Impersonate-User/-Group
// (one header line per group). The dashboard identity itself may not write, so a write that works
// here was allowed by RBAC for that person (STYLE.md rule 5).

export const PATCH = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
} as const;

export interface UserKube {
  cluster: string;
  request<T>(req: Omit<KubeRequest, 'impersonate' | 'timeoutMs'>): Promise<T>;
}

export function userKube(ref: ClusterRef, who: Identity): UserKube {
  const kc = dashboardKubeConfig(ref);
  const timeoutMs = serverEnv().k8sTimeoutMs;
  return {
    cluster: ref.name,
    async request<T>(req: Omit<KubeRequest, 'impersonate' | 'timeoutMs'>): Promise<T> {
      try {
        return await kubeJson<T>(kc, { ...req, timeoutMs, impersonate: { user: who.user, groups: who.groups } });
      } catch (err) {
        throw asKubeError(err, ref.name, timeoutMs);
      }
    },
  };
}

/** The transport's HttpStatusError carries `statusCode`; errors.ts reads `code` + `body`. */
export function asKubeError(err: unknown, cluster: string, timeoutMs?: number): KubeError {
  const shaped = err instanceof HttpStatusError ? { code: err.statusCode, body: err.body } : err;
  return toKubeError(shaped, { cluster, timeoutMs });
}
