import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { isPersonRead, resolveKind } from '@/server/k8s/custom-kinds';
import { getCustomForUser } from '@/server/k8s/custom-person';
import { getForUser, namespaceSchema, objectNameSchema } from '@/server/k8s/objects';
import { cacheFor } from '@/server/k8s/registry';

// GET /api/k8s/<cluster>/<kind>/<namespace>/<name>  (cluster-scoped kinds: namespace "_")
// One object the signed-in person may `get`, from the shared cache: { object, summary }.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  context: { params: Promise<{ cluster: string; kind: string; namespace: string; name: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster, kind: kindId, namespace, name } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const kind = await resolveKind(cache, kindId);
    if (!kind) return jsonError(404, 'not-found', 'No such kind');
    const ns = kind.namespaced ? namespaceSchema.safeParse(namespace) : { success: namespace === '_', data: '' };
    const n = objectNameSchema.safeParse(name);
    if (!ns.success || !n.success) return jsonError(400, 'invalid', 'Invalid namespace or name');
    // Custom resources: an impersonated GET as the person (ADR 0020).
    if (isPersonRead(kind)) return json(await getCustomForUser(cache, who, kind, ns.data, n.data));
    return json(await getForUser(cache, who, kind, ns.data, n.data));
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
