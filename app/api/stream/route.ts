import { currentSession, sessionBoundSignal } from '@/server/auth/identity';
import { eventStreamResponse } from '@/server/http/event-stream';
import { jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { resolveCluster } from '@/server/k8s/cluster';
import { cacheFor } from '@/server/k8s/registry';
import { streamHub } from '@/server/k8s/stream-hub';
import { evictionFarewell, userStreams } from '@/server/k8s/stream-limits';
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
  // At most MAX_STREAMS_PER_USER per person: a new stream closes their oldest (ADR 0016).
  const slot = userStreams().open(who.user);
  try {
    // Ends with the request, at once when this session signs out or expires (ADR 0004), or when
    // newer streams of the same person push it out.
    const signal = AbortSignal.any([sessionBoundSignal(session, request.signal), slot.signal]);
    return await eventStreamResponse(
      signal,
      async (send) => {
        const stop = await streamHub().open({ who, subscriptions: parsed.subscriptions, lastEventId, cacheFor, send });
        return () => {
          stop();
          slot.release();
        };
      },
      { farewell: evictionFarewell },
    );
  } catch (err) {
    slot.release();
    return kubeErrorResponse(err, parsed.subscriptions[0]?.cluster ?? '');
  }
}
