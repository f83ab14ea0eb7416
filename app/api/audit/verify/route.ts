import { isAuditor } from '@/server/audit/access';
import { auditStore } from '@/server/audit/store';
import { verifyChain } from '@/server/audit/verify';
import { currentIdentity } from '@/server/auth/identity';
import { jsonError, PRIVATE_NO_STORE, unauthenticated } from '@/server/http/responses';
import { logger } from '@/server/observability/log';

// GET /api/audit/verify — for auditors (WHEELHOUSE_AUDITOR_GROUPS): walks the whole audit chain
// (ADR 0015) and answers { ok, links, head, problems }, problems[0] being the first entry that was
// changed or removed. The same check as `npm run audit:verify`. It spans every cluster's entries,
// which is why only auditors may run it.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  if (!isAuditor(who)) return jsonError(403, 'forbidden', 'Only auditors may verify the whole audit log');
  try {
    const store = await auditStore();
    return Response.json(await verifyChain(store.db), { headers: PRIVATE_NO_STORE });
  } catch (err) {
    logger('audit').error({ err }, 'audit verification failed');
    return jsonError(503, 'server-error', 'The audit log is unavailable');
  }
}
