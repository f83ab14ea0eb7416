import { z } from 'zod';

import { metricsQuerySchema } from '@/lib/metrics/types';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { resolveCluster } from '@/server/k8s/cluster';
import { PrometheusQueryError, PrometheusUnavailableError } from '@/server/metrics/prometheus';
import { PrometheusNotConfiguredError, queryMetrics } from '@/server/metrics/service';
import { logger } from '@/server/observability/log';

const log = logger('metrics');

// GET /api/metrics/<cluster>/<template>?kind=deployment&namespace=…&name=…&range=1h&points=240
// A template's series for one pod or workload. The browser names a template; the server builds the
// PromQL (server/metrics/templates.ts). 503 {error: {kind: 'prometheus-unavailable'}} when Prometheus
// is down, so a page can say so and keep working.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ cluster: string; template: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster, template } = await context.params;
  if (!resolveCluster(cluster)) return jsonError(404, 'not-found', 'No such cluster');
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = metricsQuerySchema.safeParse({ ...params, template });
  if (!query.success) return jsonError(400, 'invalid', `Invalid metrics query: ${z.prettifyError(query.error)}`);
  try {
    return json(await queryMetrics(cluster, who, query.data));
  } catch (err) {
    return metricsErrorResponse(err, cluster);
  }
}

function metricsErrorResponse(err: unknown, cluster: string): Response {
  if (err instanceof PrometheusNotConfiguredError) {
    return json({ error: { kind: 'prometheus-not-configured', message: err.message } }, 503);
  }
  if (err instanceof PrometheusUnavailableError) {
    return json({ error: { kind: 'prometheus-unavailable', message: `Prometheus unavailable: ${err.message}` } }, 503);
  }
  if (err instanceof PrometheusQueryError) {
    log.error({ cluster, err }, 'metrics template failed');
    return jsonError(500, 'server-error', 'A metrics query failed; see the server log');
  }
  return kubeErrorResponse(err, cluster);
}
