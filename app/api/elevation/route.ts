import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { AuditUnavailableError } from '@/server/audit/audited';
import {
  DEFAULT_ELEVATION_MINUTES,
  ElevationOffError,
  elevationStatus,
  endElevation,
  startElevation,
} from '@/server/audit/elevation';
import { currentIdentity } from '@/server/auth/identity';
import { readJsonBody } from '@/server/http/body';
import { json, jsonError, unauthenticated } from '@/server/http/responses';
import { resolveCluster } from '@/server/k8s/cluster';
import { limitMutation } from '@/server/security/mutation-limit';
import { guardMutation } from '@/server/security/request-guard';
import { logger } from '@/server/observability/log';

// GET    /api/elevation?cluster=<name>            → { mode, maxMinutes, active }
// POST   /api/elevation  {cluster, reason, minutes} → starts "enable changes" (audited as `elevate`)
// DELETE /api/elevation?cluster=<name>            → ends it early (audited as `elevate-end`)

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const clusterQuery = z.object({ cluster: z.string().max(63) });

const startBody = z.object({
  cluster: z.string().max(63),
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_ELEVATION_MINUTES),
});

function storeFailure(err: unknown): Response {
  if (err instanceof AuditUnavailableError) return jsonError(503, 'server-error', err.message);
  logger('elevation').error({ err }, 'elevation failed');
  return jsonError(500, 'unknown', 'Elevation failed; see the server log');
}

export async function GET(request: Request): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const q = clusterQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const cluster = q.success ? resolveCluster(q.data.cluster) : undefined;
  if (!cluster) return jsonError(404, 'not-found', 'No such cluster');
  try {
    return json(await elevationStatus(who, cluster.name));
  } catch (err) {
    return storeFailure(err);
  }
}

export async function POST(request: Request): Promise<Response> {
  const refused = guardMutation(request);
  if (refused) return refused;
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const limited = await limitMutation(who.user);
  if (limited) return limited;
  const raw = await readJsonBody(request);
  if (!raw.ok) return raw.response;
  const body = startBody.safeParse(raw.value);
  if (!body.success) return jsonError(400, 'invalid', `Invalid request: ${z.prettifyError(body.error)}`);
  const cluster = resolveCluster(body.data.cluster);
  if (!cluster) return jsonError(404, 'not-found', 'No such cluster');
  try {
    await startElevation(who, cluster.name, { ...body.data, requestId: randomUUID() });
    return json(await elevationStatus(who, cluster.name));
  } catch (err) {
    if (err instanceof ElevationOffError) return jsonError(409, 'conflict', err.message);
    return storeFailure(err);
  }
}

export async function DELETE(request: Request): Promise<Response> {
  const refused = guardMutation(request);
  if (refused) return refused;
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const q = clusterQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const cluster = q.success ? resolveCluster(q.data.cluster) : undefined;
  if (!cluster) return jsonError(404, 'not-found', 'No such cluster');
  try {
    await endElevation(who, cluster.name, randomUUID());
    return json(await elevationStatus(who, cluster.name));
  } catch (err) {
    return storeFailure(err);
  }
}
