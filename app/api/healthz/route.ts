import { PRIVATE_NO_STORE } from '@/server/http/responses';

// GET /api/healthz — liveness: the process answers. Nothing else is checked on purpose: a failing
// dependency must make the replica unready (/api/readyz), not get it restarted in a loop. No session,
// no detail, outside proxy.ts (ADR 0014).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: PRIVATE_NO_STORE });
}

export function HEAD(): Response {
  return new Response(null, { headers: PRIVATE_NO_STORE });
}
