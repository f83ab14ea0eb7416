import { queryOptions } from '@tanstack/react-query';

import type { ActionName, ActionResult, WorkloadActionsView } from '@/lib/k8s/rollout/actions';
import { k8sKeys } from '@/lib/query/keys';

// Client side of /api/k8s/<cluster>/<kind>/<namespace>/<name>/actions[/<action>].

const base = (cluster: string, kind: string, namespace: string, name: string) =>
  `/api/k8s/${[cluster, kind, namespace, name].map(encodeURIComponent).join('/')}/actions`;

/** Under the kind's key, so a stream `resync` of that kind refreshes it too. */
export const actionsViewKey = (cluster: string, kind: string, namespace: string, name: string) =>
  [...k8sKeys.kind(cluster, kind), 'actions', namespace, name] as const;

export function actionsViewOptions(cluster: string, kind: string, namespace: string, name: string) {
  return queryOptions({
    queryKey: actionsViewKey(cluster, kind, namespace, name),
    queryFn: async ({ signal }): Promise<WorkloadActionsView> => {
      const res = await fetch(base(cluster, kind, namespace, name), { signal, cache: 'no-store' });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const message = (body as { error?: { message?: string } } | null)?.error?.message;
        throw new Error(message ?? `Request failed (${res.status})`);
      }
      return body as WorkloadActionsView;
    },
    // Freshness comes from the stream (the component invalidates on a new resourceVersion).
    staleTime: Infinity,
  });
}

export async function postAction(
  target: { cluster: string; kind: string; namespace: string; name: string },
  action: ActionName,
  body: Record<string, unknown>,
): Promise<ActionResult> {
  const res = await fetch(`${base(target.cluster, target.kind, target.namespace, target.name)}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => null);
  if (json && typeof json === 'object' && 'ok' in json) return json as ActionResult;
  const message = (json as { error?: { message?: string } } | null)?.error?.message;
  return {
    ok: false,
    code: res.status === 429 ? 'rate-limited' : 'failed',
    message: message ?? `Request failed (${res.status})`,
  };
}
