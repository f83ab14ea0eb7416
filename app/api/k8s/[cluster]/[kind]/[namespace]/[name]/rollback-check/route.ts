import { z } from 'zod';

import { dnsSubdomainSchema, namespaceSchema } from '@/lib/k8s/names';
import { WORKLOAD_KINDS } from '@/lib/k8s/rollout/actions';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { rollbackCheck } from '@/server/k8s/actions/rollback-check';
import { userKube } from '@/server/k8s/actions/user-kube';
import { resolveCluster } from '@/server/k8s/cluster';

// GET /api/k8s/<cluster>/<kind>/<namespace>/<name>/rollback-check?toRevision=N
// Before a rollback: the ConfigMaps and Secrets the target revision reads, whether each changed since
// that revision went live (metadata only, read as the person), and the images that differ.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({
  kind: z.enum(WORKLOAD_KINDS),
  namespace: namespaceSchema,
  name: dnsSubdomainSchema,
});
const query = z.object({
  toRevision: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
});

export async function GET(
  request: Request,
  context: { params: Promise<{ cluster: string; kind: string; namespace: string; name: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const raw = await context.params;
  const cluster = resolveCluster(raw.cluster);
  if (!cluster) return jsonError(404, 'not-found', 'No such cluster');
  const p = params.safeParse(raw);
  if (!p.success) return jsonError(404, 'not-found', 'No such workload');
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) return jsonError(400, 'invalid', 'toRevision must be a revision number');
  try {
    return json(
      await rollbackCheck(userKube(cluster, who), p.data.kind, p.data.namespace, p.data.name, q.data.toRevision),
    );
  } catch (err) {
    return kubeErrorResponse(err, cluster.name);
  }
}
