import { secretsKind } from '@/lib/k8s/kinds/secrets';
import { secretsForUser } from '@/server/k8s/person-secrets';
import { personObjectResponse } from '@/server/k8s/person-routes';

// GET /api/k8s/<cluster>/secrets/<namespace>/<name>: one Secret, stripped (keys → byte lengths, no
// value, no last-applied-configuration), for a person who may list Secrets in that namespace (ADR 0019).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  context: { params: Promise<{ cluster: string; namespace: string; name: string }> },
): Promise<Response> {
  const { cluster, namespace, name } = await context.params;
  return personObjectResponse(cluster, namespace, name, secretsKind, secretsForUser);
}
