import { z } from 'zod';

import type { ActivityResponse } from '@/lib/query/audit';
import { activityFor } from '@/server/audit/activity';
import { parseActivityQuery } from '@/server/audit/query';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, unauthenticated } from '@/server/http/responses';
import { cacheFor } from '@/server/k8s/registry';
import { logger } from '@/server/observability/log';

// GET /api/audit?cluster=<name>&user=&namespace=&action=&result=&from=&to=&before=&limit=
// One page of the Activity log the signed-in person may read (ADR 0005), newest first: what the
// Activity page prefetches on the server and then polls (ADR 0018).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const clusterParam = z.string().min(1).max(63);

export async function GET(request: Request): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const params = new URL(request.url).searchParams;
  const cluster = clusterParam.safeParse(params.get('cluster') ?? undefined);
  if (!cluster.success) return jsonError(400, 'invalid', 'Invalid request: cluster is required');
  params.delete('cluster');
  const query = parseActivityQuery(params);
  if (!query.success) return jsonError(400, 'invalid', `Invalid filter: ${z.prettifyError(query.error)}`);
  const cache = cacheFor(cluster.data);
  if (!cache) return jsonError(404, 'not-found', 'No such cluster');
  try {
    const body: ActivityResponse = await activityFor(who, cache, query.data);
    return json(body);
  } catch (err) {
    logger('audit').error({ err }, 'Activity could not read the log');
    return jsonError(503, 'server-error', 'The audit log is unavailable right now; try again in a moment.');
  }
}
