import 'server-only';

import { z } from 'zod';

import type { ResourceListResponse } from '@/lib/k8s/list-response';
import type { Identity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { resolveKind } from '@/server/k8s/custom-kinds';
import { parseListQuery } from '@/server/k8s/list-query';
import { listResponseFor } from '@/server/k8s/list-response';
import { cacheFor } from '@/server/k8s/registry';

// The answer of GET /api/k8s/<cluster>/<kind>, given who is asking: one implementation for the
// Next.js route handler (app/api/k8s/[cluster]/[kind]/route.ts) and the lean list handler
// (server/http/lean/, ADR 0026), so status, headers and body cannot drift apart.

export const LIST_ROUTE = '/api/k8s/[cluster]/[kind]';

export async function answerList(
  who: Identity | null,
  cluster: string,
  kindId: string,
  searchParams: URLSearchParams,
): Promise<Response> {
  if (!who) return unauthenticated();
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const kind = await resolveKind(cache, kindId);
    if (!kind) return jsonError(404, 'not-found', 'No such kind');
    const query = parseListQuery(searchParams);
    if (!query.success) return jsonError(400, 'invalid', `Invalid query: ${z.prettifyError(query.error)}`);
    const body: ResourceListResponse = await listResponseFor(cache, who, kind, query.data);
    return json(body);
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
