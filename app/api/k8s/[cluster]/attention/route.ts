import { z } from 'zod';

import { ATTENTION_TOP_DEFAULT, ATTENTION_TOP_MAX, type AttentionSummary } from '@/lib/k8s/attention-summary';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { attentionForUser } from '@/server/k8s/attention';
import { cacheFor } from '@/server/k8s/registry';

// GET /api/k8s/<cluster>/attention?top=20 — the Overview's "needs attention" for the signed-in person
// (server/k8s/attention.ts, ADR 0023): counts per category, the first `top` items of each, the
// busiest namespaces. Its size does not grow with the cluster. This static segment takes precedence
// over [kind]; no kind id can be "attention" (kind ids are plurals).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const querySchema = z
  .object({
    top: z.coerce
      .number()
      .int('top must be a whole number')
      .min(1, 'top must be at least 1')
      .max(ATTENTION_TOP_MAX, `top must be at most ${ATTENTION_TOP_MAX}`)
      .default(ATTENTION_TOP_DEFAULT),
  })
  .strict();

export async function GET(request: Request, context: { params: Promise<{ cluster: string }> }): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return jsonError(400, 'invalid', `Invalid query: ${z.prettifyError(query.error)}`);
    const body: AttentionSummary = await attentionForUser(cache, who, { top: query.data.top });
    return json(body);
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
