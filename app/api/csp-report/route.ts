import { jsonError } from '@/server/http/responses';
import { readJsonBody } from '@/server/http/body';
import { parseViolations, recordViolations } from '@/server/http/csp-reports';

// POST /api/csp-report — where browsers report Content-Security-Policy violations (report-uri and
// report-to in lib/security/headers.ts). Public: browsers send reports without the session. Small
// bodies only; every violation counts into wheelhouse_csp_violations_total{directive}.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const MAX_REPORT_BYTES = 16 * 1024;
const TYPES = ['application/csp-report', 'application/reports+json', 'application/json'];

export async function POST(request: Request): Promise<Response> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!TYPES.includes(type)) {
    return jsonError(415, 'invalid', `Send a CSP report as ${TYPES.slice(0, 2).join(' or ')}`);
  }
  const body = await readJsonBody(request, { maxBytes: MAX_REPORT_BYTES });
  if (!body.ok) return body.response;
  const violations = parseViolations(body.value);
  if (violations.length === 0) return jsonError(400, 'invalid', 'Not a CSP violation report');
  recordViolations(violations);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
