import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { nodeResourcesForUser } from '@/server/k8s/node-resources';
import { objectNameSchema } from '@/server/k8s/objects';
import { cacheFor } from '@/server/k8s/registry';

// GET /api/nodes/<cluster>/<name>
// The node's non-terminated pods the signed-in person may read, their requests and limits summed,
// and the node's usage from metrics.k8s.io read as them ({available: false, reason} without it).
// 403 for a person who may not read the node.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  context: { params: Promise<{ cluster: string; name: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster, name } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const n = objectNameSchema.safeParse(name);
    if (!n.success) return jsonError(400, 'invalid', 'Invalid node name: must be a DNS subdomain');
    return json(await nodeResourcesForUser(cache, who, n.data));
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
