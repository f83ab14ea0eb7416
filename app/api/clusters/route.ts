import { currentIdentity } from '@/server/auth/identity';
import { json, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { listClusterHealth } from '@/server/k8s/cluster-health';

// GET /api/clusters — every configured cluster with its version, reachability (and why not), last
// contact and the state of each running shared-cache reflector, with the number of its objects the
// signed-in person may read (their view, not the dashboard's). Unreachable clusters are part of the
// answer (200), not an error; it answers within the Kubernetes request timeout.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  try {
    return json({ clusters: await listClusterHealth(who) });
  } catch (err) {
    // Only a broken cluster configuration gets here (ClustersConfigError).
    return kubeErrorResponse(err, '');
  }
}
