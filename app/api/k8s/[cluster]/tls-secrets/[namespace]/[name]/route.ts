import { tlsSecretsKind } from '@/lib/k8s/kinds/tls-secrets';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { summaryOf } from '@/server/k8s/list-query';
import { namespaceSchema, objectNameSchema } from '@/server/k8s/objects';
import { cacheFor } from '@/server/k8s/registry';
import { tlsSecretsForUser } from '@/server/k8s/tls-source';

// GET /api/k8s/<cluster>/tls-secrets/<namespace>/<name>: one TLS Secret's metadata and leaf facts
// (never data), for a person who may list Secrets in that namespace; 403 before any lookup otherwise,
// so names do not leak (ADR 0013). This static segment takes precedence over [kind].

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  context: { params: Promise<{ cluster: string; namespace: string; name: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster, namespace, name } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const ns = namespaceSchema.safeParse(namespace);
    const n = objectNameSchema.safeParse(name);
    if (!ns.success || !n.success) return jsonError(400, 'invalid', 'Invalid namespace or name');
    const view = await tlsSecretsForUser(cache, who, [ns.data]);
    if (view.readable !== 'all' && !view.readable.has(ns.data)) {
      return jsonError(403, 'forbidden', `You may not read Secret ${ns.data}/${n.data} in cluster ${cache.name}`);
    }
    const obj = view.objects.find((o) => o.metadata.name === n.data);
    if (!obj)
      return jsonError(404, 'not-found', `TLS Secret ${ns.data}/${n.data} was not found in cluster ${cache.name}`);
    return json({ object: { apiVersion: 'v1', kind: 'Secret', ...obj }, summary: summaryOf(tlsSecretsKind, obj) });
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
