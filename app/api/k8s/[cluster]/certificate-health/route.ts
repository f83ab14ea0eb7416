import type { CertificateHealth } from '@/lib/k8s/certificate-health';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { certificateHealth } from '@/server/k8s/certificate-health';
import { cacheFor } from '@/server/k8s/registry';

// GET /api/k8s/<cluster>/certificate-health — the certificates screen's rows, read as the signed-in
// person (server/k8s/certificate-health.ts). The page prefetches the same answer on the server; the
// live view refetches it here when the stream reports a change of a kind it joins (ADR 0018).
// This static segment takes precedence over [kind]; no kind id can be "certificate-health".

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ cluster: string }> }): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const body: CertificateHealth = await certificateHealth(cache, who);
    return json(body);
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
