import { z } from 'zod';

import { WORKLOAD_KINDS } from '@/lib/k8s/rollout/actions';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { userKube } from '@/server/k8s/actions/user-kube';
import { workloadActionsView } from '@/server/k8s/actions/view';
import { resolveCluster } from '@/server/k8s/cluster';
import { dnsSubdomainSchema, namespaceSchema } from '@/lib/k8s/names';

// GET /api/k8s/<cluster>/<kind>/<namespace>/<name>/actions
// The actions panel's data, read as the person: revision history (+ diffs), HPA, GitOps, and which
// actions SelfSubjectAccessReview allows them (buttons are hidden otherwise).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({
  kind: z.enum(WORKLOAD_KINDS),
  namespace: namespaceSchema,
  name: dnsSubdomainSchema,
});

export async function GET(
  _request: Request,
  context: { params: Promise<{ cluster: string; kind: string; namespace: string; name: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const raw = await context.params;
  const cluster = resolveCluster(raw.cluster);
  if (!cluster) return jsonError(404, 'not-found', 'No such cluster');
  const p = params.safeParse(raw);
  if (!p.success) return jsonError(404, 'not-found', 'No such workload');
  try {
    return json(await workloadActionsView(userKube(cluster, who), who, p.data.kind, p.data.namespace, p.data.name));
  } catch (err) {
    return kubeErrorResponse(err, cluster.name);
  }
}
