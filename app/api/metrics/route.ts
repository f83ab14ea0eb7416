import { CACHE_METRICS } from '@/server/k8s/cache-metrics';
import { jsonError, PRIVATE_NO_STORE } from '@/server/http/responses';
import { metricsRegistry } from '@/server/observability/metrics';
import { checkMetricsToken } from '@/server/observability/metrics-token';

// GET /api/metrics — the server's own Prometheus metrics (text format), behind the bearer token
// WHEELHOUSE_METRICS_TOKEN. Without a token configured the endpoint does not exist (404): metrics
// name clusters and kinds, which an anonymous caller should not learn. Metric list:
// docs/operations-metrics-and-logs.md. (Charts' queries live under /api/metrics/<cluster>/<template>.)

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

void CACHE_METRICS;

export async function GET(request: Request): Promise<Response> {
  const check = checkMetricsToken(request.headers.get('authorization'));
  if (check === 'disabled') return jsonError(404, 'not-found', 'Not found');
  if (check !== 'ok') {
    const response = jsonError(401, 'unauthenticated', 'A valid bearer token is required');
    response.headers.set('WWW-Authenticate', 'Bearer realm="wheelhouse-metrics"');
    return response;
  }
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { ...PRIVATE_NO_STORE, 'Content-Type': registry.contentType },
  });
}
