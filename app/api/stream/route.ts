import { currentSession, sessionBoundSignal } from '@/server/auth/identity';
import { eventStreamResponse } from '@/server/http/event-stream';
import { jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { resolveCluster } from '@/server/k8s/cluster';
import { cacheFor } from '@/server/k8s/registry';
import { streamHub } from '@/server/k8s/stream-hub';
import { parseSubscriptions } from '@/server/k8s/subscriptions';

// GET /api/stream?sub=<cluster>:<kind>[:<namespace>[:<name>]]&sub=…  (one EventSource per tab)
// Server-Sent Events: `change` events the signed-in person may see, `resync` when a reconnect missed
// more than the server kept. Ids allow EventSource's automatic Last-Event-ID resume.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const session = await currentSession();
  if (!session) return unauthenticated();
  const who = session.identity;
  const url = new URL(request.url);
  const parsed = parseSubscriptions(url.searchParams.getAll('sub'));
  if (!parsed.ok) return jsonError(400, 'invalid', `Invalid subscription: ${parsed.reason}`);
  const unknown = parsed.subscriptions.find((s) => !resolveCluster(s.cluster));
  if (unknown) return jsonError(404, 'not-found', `No such cluster: ${unknown.cluster}`);
  const lastEventId = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId');
  try {
    // Ends with the request, or at once when this session signs out or expires (ADR 0004).
    return await eventStreamResponse(sessionBoundSignal(session, request.signal), (send) =>
      streamHub().open({ who, subscriptions: parsed.subscriptions, lastEventId, cacheFor, send }),
    );
  } catch (err) {
    return kubeErrorResponse(err, parsed.subscriptions[0]?.cluster ?? '');
  }
}
