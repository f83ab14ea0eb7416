import { z } from 'zod';

import { auditVisibility } from '@/server/audit/access';
import { exportStream, withChain } from '@/server/audit/export';
import { filterOf, parseActivityQuery } from '@/server/audit/query';
import { auditStore } from '@/server/audit/store';
import { currentIdentity } from '@/server/auth/identity';
import { jsonError, PRIVATE_NO_STORE, unauthenticated } from '@/server/http/responses';
import { cacheFor } from '@/server/k8s/registry';
import { logger } from '@/server/observability/log';

// GET /api/audit/export?cluster=<name>&format=csv|jsonl&user=&namespace=&action=&result=&from=&to=
// The Activity page's filters, every matching entry the person may read, newest first, streamed,
// each with its hash-chain links.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const exportParams = z.object({ cluster: z.string().max(63), format: z.enum(['csv', 'jsonl']).default('csv') });

export async function GET(request: Request): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const params = new URL(request.url).searchParams;
  const head = exportParams.safeParse({
    cluster: params.get('cluster') ?? undefined,
    format: params.get('format') ?? undefined,
  });
  if (!head.success) return jsonError(400, 'invalid', `Invalid request: ${z.prettifyError(head.error)}`);
  const query = parseActivityQuery(params);
  if (!query.success) return jsonError(400, 'invalid', `Invalid filter: ${z.prettifyError(query.error)}`);
  const cache = cacheFor(head.data.cluster);
  if (!cache) return jsonError(404, 'not-found', 'No such cluster');
  let body: ReadableStream<Uint8Array>;
  try {
    const store = await auditStore();
    const filter = {
      ...filterOf(cache.name, query.data),
      visibleTo: await auditVisibility(who, cache.name, cache, store),
    };
    // Each row carries its chain links (ADR 0015), so an export can be checked against the database
    // (`npm run audit:verify`) or against a later export.
    body = exportStream(head.data.format, withChain(store.db, store.each(filter)));
  } catch (err) {
    logger('audit').error({ err }, 'export failed');
    return jsonError(503, 'server-error', 'The audit log is unavailable');
  }
  const { format } = head.data;
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
  return new Response(body, {
    headers: {
      ...PRIVATE_NO_STORE,
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="wheelhouse-audit-${cache.name}-${stamp}.${format}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
