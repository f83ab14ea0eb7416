import { helmReleasesKind } from '@/lib/k8s/kinds/helm-releases';
import { helmReleasesForUser } from '@/server/k8s/person-secrets';
import { personListResponse } from '@/server/k8s/person-routes';

// GET /api/k8s/<cluster>/helm-releases?namespace=…&q=…&sort=…: Helm 3 releases decoded on the server
// from the release Secrets the person may list, read as them (ADR 0019). Never values or manifests.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ cluster: string }> }): Promise<Response> {
  const { cluster } = await context.params;
  return personListResponse(request, cluster, helmReleasesKind, helmReleasesForUser);
}
