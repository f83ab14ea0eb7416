import type { CustomKindsResponse } from '@/lib/k8s/kinds/custom';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { customKindsForUser } from '@/server/k8s/custom-kinds';
import { clusterNamespaces } from '@/server/k8s/custom-person';
import { cacheFor } from '@/server/k8s/registry';

// GET /api/k8s/<cluster>/_kinds  (the folder is %5Fkinds: Next.js keeps `_folders` private)
// The custom kinds (CRDs the built-in registry does not describe) the signed-in person may list,
// somewhere in the cluster, as serializable specs: { kinds: CustomKindSpec[] }. The client builds
// each descriptor from its spec with lib/k8s/kinds/custom.ts, as the server does (ADR 0020).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ cluster: string }> }): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const kinds = await customKindsForUser(cache, who, await clusterNamespaces(cache));
    return json({ kinds } satisfies CustomKindsResponse);
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
