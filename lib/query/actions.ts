import { queryOptions } from '@tanstack/react-query';

import type { ActionName, ActionResult, WorkloadActionsView } from '@/lib/k8s/rollout/actions';
import type { Completeness } from '@/lib/k8s/rollout/completeness';
import { ApiError, apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';

// Client side of /api/k8s/<cluster>/<kind>/<namespace>/<name>/actions[/<action>].

const base = (cluster: string, kind: string, namespace: string, name: string) =>
  `/api/k8s/${[cluster, kind, namespace, name].map(encodeURIComponent).join('/')}/actions`;

export function actionsViewOptions(cluster: string, kind: string, namespace: string, name: string) {
  return queryOptions({
    queryKey: k8sKeys.actions(cluster, kind, namespace, name),
    queryFn: ({ signal }) => apiFetch<WorkloadActionsView>(base(cluster, kind, namespace, name), { signal }),
    // Freshness comes from the stream (the component invalidates on a new resourceVersion).
    staleTime: Infinity,
  });
}

/** What rolling back to `toRevision` would not restore: the ConfigMaps and Secrets it reads, images. */
export function rollbackCheckOptions(
  cluster: string,
  kind: string,
  namespace: string,
  name: string,
  toRevision: number,
) {
  const url = `/api/k8s/${[cluster, kind, namespace, name].map(encodeURIComponent).join('/')}/rollback-check?toRevision=${toRevision}`;
  return queryOptions({
    queryKey: k8sKeys.rollbackCheck(cluster, kind, namespace, name, toRevision),
    queryFn: ({ signal }) => apiFetch<Completeness>(url, { signal }),
    staleTime: 10_000,
    retry: false,
  });
}

function isActionResult(body: unknown): body is ActionResult {
  return typeof body === 'object' && body !== null && 'ok' in body;
}

/** Runs an action. Refusals come back as `{ok: false, code, message}`, never as a throw. */
export async function postAction(
  target: { cluster: string; kind: string; namespace: string; name: string },
  action: ActionName,
  body: Record<string, unknown>,
): Promise<ActionResult> {
  try {
    const result = await apiFetch<unknown>(
      `${base(target.cluster, target.kind, target.namespace, target.name)}/${action}`,
      { method: 'POST', json: body },
    );
    if (isActionResult(result)) return result;
    return { ok: false, code: 'failed', message: 'The dashboard sent an answer it does not understand.' };
  } catch (err) {
    // A refused action answers 4xx with its own `{ok: false, …}`: that is the result.
    if (err instanceof ApiError && isActionResult(err.body)) return err.body;
    const status = err instanceof ApiError ? err.status : 0;
    return {
      ok: false,
      code: status === 429 ? 'rate-limited' : 'failed',
      message: err instanceof Error ? err.message : String(err),
    };
  }
}
