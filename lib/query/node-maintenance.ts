import type { NodeActionName, NodeMaintenanceView } from '@/lib/k8s/node-actions';
import type { ActionResult } from '@/lib/k8s/rollout/actions';
import { ApiError, apiFetch } from '@/lib/query/fetch';

// Client side of node maintenance (issue 15, item 3): the section's data (polled while a drain
// runs), the audited actions (…/actions/cordon|uncordon|drain) and stopping a drain.

const nodeBase = (cluster: string, node: string) =>
  `/api/k8s/${encodeURIComponent(cluster)}/nodes/_/${encodeURIComponent(node)}`;

export const nodeMaintenanceKey = (cluster: string, node: string) => ['node-maintenance', cluster, node] as const;

export function fetchNodeMaintenance(cluster: string, node: string, signal?: AbortSignal) {
  return apiFetch<NodeMaintenanceView>(`${nodeBase(cluster, node)}/maintenance`, { signal });
}

function isActionResult(body: unknown): body is ActionResult {
  return typeof body === 'object' && body !== null && 'ok' in body;
}

export async function postNodeAction(
  cluster: string,
  node: string,
  action: NodeActionName,
  body: Record<string, unknown>,
): Promise<ActionResult> {
  try {
    const result = await apiFetch<unknown>(`${nodeBase(cluster, node)}/actions/${action}`, {
      method: 'POST',
      json: body,
    });
    if (isActionResult(result)) return result;
    return { ok: false, code: 'failed', message: 'The dashboard sent an answer it does not understand.' };
  } catch (err) {
    if (err instanceof ApiError && isActionResult(err.body)) return err.body;
    return { ok: false, code: 'failed', message: err instanceof Error ? err.message : String(err) };
  }
}

export async function stopNodeDrain(cluster: string, node: string, id: string): Promise<string> {
  try {
    const r = await apiFetch<{ message: string }>(`${nodeBase(cluster, node)}/maintenance`, {
      method: 'POST',
      json: { stop: id },
    });
    return r.message;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
