import { z } from 'zod';

import { currentSession, sessionBoundSignal } from '@/server/auth/identity';
import { PRIVATE_NO_STORE, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import {
  FOLLOW_LIMITS,
  LOG_LIMIT_BYTES,
  cappedLogBody,
  logFollows,
  openPodLog,
  parseLogQuery,
} from '@/server/k8s/logs';
import { namespaceSchema, objectNameSchema } from '@/server/k8s/objects';
import { cacheFor } from '@/server/k8s/registry';

// GET /api/k8s/<cluster>/pods/<namespace>/<name>/log?container=&previous=&follow=&tailLines=&timestamps=
// The pod's log as text/plain, read as the signed-in person (impersonated pods/log). With follow=true
// the body streams until the browser closes it. The browser renders it as text, never as HTML.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ cluster: string; kind: string; namespace: string; name: string }> },
): Promise<Response> {
  const session = await currentSession();
  if (!session) return unauthenticated();
  const who = session.identity;
  const { cluster, kind, namespace, name } = await context.params;
  if (kind !== 'pods') return jsonError(404, 'not-found', 'Only pods have logs');
  const cache = cacheFor(cluster);
  if (!cache) return jsonError(404, 'not-found', 'No such cluster');
  const ns = namespaceSchema.safeParse(namespace);
  const n = objectNameSchema.safeParse(name);
  if (!ns.success || !n.success) return jsonError(400, 'invalid', 'Invalid namespace or name');
  const query = parseLogQuery(new URL(request.url).searchParams);
  if (!query.success) return jsonError(400, 'invalid', `Invalid query: ${z.prettifyError(query.error)}`);
  // Followed logs: a few per person at once, each capped in bytes and time (ADR 0016). Refused rather
  // than ending another: the viewer shows this message at once, while another tab's log would stop
  // with nobody looking.
  const release = query.data.follow ? logFollows().take(who.user) : () => undefined;
  if (!release) {
    const refused = jsonError(
      429,
      'too-many-requests',
      `You are following ${FOLLOW_LIMITS.perUser} logs already; stop following one to follow another`,
    );
    refused.headers.set('Retry-After', '10');
    return refused;
  }
  try {
    // A followed log ends with the request, or at once when the session signs out (ADR 0004).
    const signal = sessionBoundSignal(session, request.signal);
    const upstream = await openPodLog(cache, who, { namespace: ns.data, name: n.data }, query.data, signal);
    const limits = query.data.follow ? FOLLOW_LIMITS : { maxBytes: LOG_LIMIT_BYTES };
    const body = cappedLogBody(upstream, limits, release);
    return new Response(body, {
      headers: {
        ...PRIVATE_NO_STORE,
        // Never sniffed into HTML, whatever the log lines contain (nosniff is in PRIVATE_NO_STORE).
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Disposition': `inline; filename="${n.data}${query.data.container ? `-${query.data.container}` : ''}.log"`,
      },
    });
  } catch (err) {
    release();
    return kubeErrorResponse(err, cluster);
  }
}
