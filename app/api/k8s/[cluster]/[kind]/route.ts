import { currentIdentity } from '@/server/auth/identity';
import { answerList } from '@/server/http/list-answer';

// GET /api/k8s/<cluster>/<kind>?namespace=a,b&labelSelector=…&q=…&sort=…&order=…&limit=…&offset=…
// A page of summaries the signed-in person may read, served from the shared cache, with `stream`:
// the live-stream position it was read at (components/live/use-live-updates.ts resumes from it).
// Custom resources without a built-in descriptor are read as the person instead (ADR 0020).
// In production the lean list handler answers these requests before Next.js routes them, with the
// same answerList (ADR 0026); this handler serves `next dev`, and anything the lean path passes on.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ cluster: string; kind: string }> },
): Promise<Response> {
  const who = await currentIdentity();
  const { cluster, kind } = await context.params;
  return answerList(who, cluster, kind, new URL(request.url).searchParams);
}
