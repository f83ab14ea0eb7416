import { secretsKind } from '@/lib/k8s/kinds/secrets';
import { secretsForUser } from '@/server/k8s/person-secrets';
import { personListResponse } from '@/server/k8s/person-routes';

// GET /api/k8s/<cluster>/secrets?namespace=…&labelSelector=…&q=…&sort=…&order=…&limit=…&offset=…
// Secrets the signed-in person may list, read as them (impersonated LIST; ADR 0019): metadata, type,
// keys and sizes — never a value. 403 with a clear message for someone who may list none.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ cluster: string }> }): Promise<Response> {
  const { cluster } = await context.params;
  return personListResponse(request, cluster, secretsKind, secretsForUser);
}
