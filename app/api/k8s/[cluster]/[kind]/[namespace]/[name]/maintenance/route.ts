import { z } from 'zod';

import { currentIdentity } from '@/server/auth/identity';
import { readJsonBody } from '@/server/http/body';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { userKube } from '@/server/k8s/actions/user-kube';
import { resolveCluster } from '@/server/k8s/cluster';
import { drainJob, stopDrain } from '@/server/k8s/nodes/drain-job';
import { nodeMaintenanceView } from '@/server/k8s/nodes/maintenance';
import { guardMutation } from '@/server/security/request-guard';
import { dnsSubdomainSchema } from '@/lib/k8s/names';

// GET  /api/k8s/<cluster>/nodes/_/<name>/maintenance — the node page's maintenance section, read as
//      the person: cordoned or not, which buttons SelfSubjectAccessReview allows, the drain preview and
//      the latest drain's per-pod progress (polled while it runs; ADR 0025).
// POST /api/k8s/<cluster>/nodes/_/<name>/maintenance {"stop": "<drain id>"} — stops a running drain
//      (only the person who started it). Starting one is the audited `drain` action (…/actions/drain).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Raw = { cluster: string; kind: string; namespace: string; name: string };
const params = z.object({ kind: z.literal('nodes'), namespace: z.literal('_'), name: dnsSubdomainSchema });
const stopBody = z.object({ stop: z.uuid() });

/** Session, cluster and node from the route, or the answer refusing them. */
async function resolve(context: { params: Promise<Raw> }) {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const raw = await context.params;
  const cluster = resolveCluster(raw.cluster);
  if (!cluster) return jsonError(404, 'not-found', 'No such cluster');
  const p = params.safeParse(raw);
  if (!p.success) return jsonError(404, 'not-found', 'Maintenance is for nodes only');
  return { who, cluster, node: p.data.name };
}

export async function GET(_request: Request, context: { params: Promise<Raw> }): Promise<Response> {
  const r = await resolve(context);
  if (r instanceof Response) return r;
  try {
    return json(await nodeMaintenanceView(userKube(r.cluster, r.who), r.who, r.node));
  } catch (err) {
    return kubeErrorResponse(err, r.cluster.name);
  }
}

export async function POST(request: Request, context: { params: Promise<Raw> }): Promise<Response> {
  const refused = guardMutation(request);
  if (refused) return refused;
  const r = await resolve(context);
  if (r instanceof Response) return r;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const stop = stopBody.safeParse(body.value);
  if (!stop.success) return jsonError(400, 'invalid', `Invalid request: ${z.prettifyError(stop.error)}`);
  const job = drainJob(stop.data.stop);
  if (!job || job.cluster !== r.cluster.name || job.view.node !== r.node) {
    // Another replica may run it (ADR 0025): it can only be stopped there.
    return jsonError(404, 'not-found', 'No such drain on this dashboard replica');
  }
  if (job.view.user !== r.who.user) {
    return jsonError(403, 'forbidden', `Only ${job.view.user}, who started this drain, can stop it`);
  }
  if (!stopDrain(stop.data.stop, r.who.user)) return jsonError(409, 'conflict', 'This drain has already ended');
  return json({ ok: true, message: 'Stopping the drain after the eviction in flight; the node stays cordoned' });
}
