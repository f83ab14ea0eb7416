import { z } from 'zod';

import { referencesQuerySchema } from '@/lib/k8s/config-references';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { configReferences } from '@/server/k8s/config-references';
import { namespaceSchema } from '@/server/k8s/objects';
import { cacheFor } from '@/server/k8s/registry';

// GET /api/k8s/<cluster>/references/<namespace>?kind=ConfigMap|Secret&name=…
// The workloads and pods that read a ConfigMap or Secret (env, envFrom, volumes, projected, pull
// Secrets), among those the signed-in person may list in the namespace. Names only.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ cluster: string; namespace: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster, namespace } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const ns = namespaceSchema.safeParse(namespace);
    if (!ns.success) return jsonError(400, 'invalid', 'Invalid namespace');
    const sp = new URL(request.url).searchParams;
    const query = referencesQuerySchema.safeParse({ kind: sp.get('kind'), name: sp.get('name') });
    if (!query.success) return jsonError(400, 'invalid', `Invalid query: ${z.prettifyError(query.error)}`);
    return json(await configReferences(cache, who, ns.data, query.data.kind, query.data.name));
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
