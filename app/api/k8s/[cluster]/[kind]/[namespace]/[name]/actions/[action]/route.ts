import { currentIdentity } from '@/server/auth/identity';
import { readJsonBody } from '@/server/http/body';
import { unauthenticated } from '@/server/http/responses';
import { runNamedAction } from '@/server/k8s/actions/registry';
import { failure, resultResponse } from '@/server/k8s/actions/results';
import { cacheFor } from '@/server/k8s/registry';
import { namespaceExists } from '@/server/k8s/resources';
import { guardMutation } from '@/server/security/request-guard';
import { limitMutation } from '@/server/security/mutation-limit';

// POST /api/k8s/<cluster>/<kind>/<namespace>/<name>/actions/<action>  (JSON body)
// scale | rollback | restart | pause | resume | abort on deployments/statefulsets/daemonsets,
// hpa-edit on horizontalpodautoscalers, cordon | uncordon | drain on nodes (namespace `_`). Answers { ok: true, … } | { ok: false, code, message }.
// Route handlers rather than server actions: see docs/adr (actions API).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { cluster: string; kind: string; namespace: string; name: string; action: string };

export async function POST(request: Request, context: { params: Promise<Params> }): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const refused = guardMutation(request);
  if (refused) return refused;
  const params = await context.params;
  // A namespace that does not exist answers 404 here, before anything is audited: otherwise every
  // made-up namespace would write an audit row (issue 11, item 5; ADR 0016). It costs nothing (the
  // shared namespaces cache), so it comes before the mutation budget.
  // `_` stands for no namespace (cluster-scoped nodes: cordon, uncordon, drain).
  const exists = params.namespace === '_' ? undefined : await namespaceExistsIn(params.cluster, params.namespace);
  if (exists === false) return resultResponse(failure('not-found', 'No such namespace in this cluster'));
  const limited = await limitMutation(who.user);
  if (limited) return limited;
  // Capped: an action's parameters and reason are a few hundred bytes (server/http/body.ts).
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  return resultResponse(await runNamedAction(who, params, body.value));
}

/** undefined when the cluster is unknown or its cache cannot tell; the action then reports that itself. */
async function namespaceExistsIn(cluster: string, namespace: string): Promise<boolean | undefined> {
  try {
    const cache = cacheFor(cluster);
    return cache ? await namespaceExists(cache, namespace) : undefined;
  } catch {
    return undefined;
  }
}
