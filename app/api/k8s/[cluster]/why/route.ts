import { z } from 'zod';

import { whyQuerySchema } from '@/lib/k8s/why-query';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { userKube } from '@/server/k8s/actions/user-kube';
import { resolveCluster } from '@/server/k8s/cluster';
import { clusterCache } from '@/server/k8s/registry';
import { explainAccess } from '@/server/k8s/why';

// GET /api/k8s/<cluster>/why?verb=&group=&resource=&subresource=&namespace=&name=
// "Why can't I …?": Kubernetes' answer for the signed-in person (SelfSubjectAccessReview as them),
// whether elevation would change it, and the bindings that grant it among the RBAC objects they may
// read (server/k8s/why.ts). Plain words plus the structured answer (lib/k8s/why.ts WhyAnswer).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ cluster: string }> }): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster } = await context.params;
  const ref = resolveCluster(cluster);
  if (!ref) return jsonError(404, 'not-found', 'No such cluster');
  const query = whyQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, 'invalid', `Invalid question: ${z.prettifyError(query.error)}`);
  try {
    return json(await explainAccess(clusterCache(ref), userKube(ref, who), who, query.data));
  } catch (err) {
    return kubeErrorResponse(err, ref.name);
  }
}
