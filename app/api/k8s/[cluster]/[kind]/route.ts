import { z } from 'zod';

import type { ResourceListResponse } from '@/lib/k8s/list-response';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { resolveKind } from '@/server/k8s/custom-kinds';
import { parseListQuery } from '@/server/k8s/list-query';
import { listResponseFor } from '@/server/k8s/list-response';
import { cacheFor } from '@/server/k8s/registry';

// GET /api/k8s/<cluster>/<kind>?namespace=a,b&labelSelector=…&q=…&sort=…&order=…&limit=…&offset=…
// A page of summaries the signed-in person may read, served from the shared cache, with `stream`:
// the live-stream position it was read at (components/live/use-live-updates.ts resumes from it).
// Custom resources without a built-in descriptor are read as the person instead (ADR 0020).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ cluster: string; kind: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster, kind: kindId } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const kind = await resolveKind(cache, kindId);
    if (!kind) return jsonError(404, 'not-found', 'No such kind');
    const query = parseListQuery(new URL(request.url).searchParams);
    if (!query.success) return jsonError(400, 'invalid', `Invalid query: ${z.prettifyError(query.error)}`);
    const body: ResourceListResponse = await listResponseFor(cache, who, kind, query.data);
    return json(body);
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
