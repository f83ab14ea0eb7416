import { PRIVATE_NO_STORE } from '@/server/http/responses';
import { checkMetricsToken } from '@/server/observability/metrics-token';
import { readiness } from '@/server/observability/readiness';

// GET /api/readyz — readiness (ADR 0014): 200 when configuration is valid, the audit database answers
// and every cluster's caches are warm (or the cluster was reported unreachable); 503 otherwise and
// from the moment shutdown begins. Anonymous callers learn only ready / not ready; the checks and
// their reasons come with the metrics bearer token. Never reads a session.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const { ready, checks } = await readiness();
  const detailed = checkMetricsToken(request.headers.get('authorization')) === 'ok';
  const body = { status: ready ? 'ready' : 'not-ready', ...(detailed ? { checks } : {}) };
  return Response.json(body, { status: ready ? 200 : 503, headers: PRIVATE_NO_STORE });
}
