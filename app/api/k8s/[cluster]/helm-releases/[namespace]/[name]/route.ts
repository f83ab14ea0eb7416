import { helmReleasesKind } from '@/lib/k8s/kinds/helm-releases';
import { helmReleasesForUser } from '@/server/k8s/person-secrets';
import { personObjectResponse } from '@/server/k8s/person-routes';

// GET /api/k8s/<cluster>/helm-releases/<namespace>/<release>: the release's newest revision and its
// stored history (public facts only), for a person who may list Secrets there (ADR 0019).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  context: { params: Promise<{ cluster: string; namespace: string; name: string }> },
): Promise<Response> {
  const { cluster, namespace, name } = await context.params;
  return personObjectResponse(cluster, namespace, name, helmReleasesKind, helmReleasesForUser);
}
