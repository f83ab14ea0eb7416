import { z } from 'zod';

import { tlsSecretsKind } from '@/lib/k8s/kinds/tls-secrets';
import { matches as matchesSelector, parseSelector } from '@/lib/k8s/label-selector';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { parseListQuery, selectPage } from '@/server/k8s/list-query';
import { cacheFor } from '@/server/k8s/registry';
import { tlsSecretsForUser } from '@/server/k8s/tls-source';

// GET /api/k8s/<cluster>/tls-secrets?namespace=…&labelSelector=…&q=…&sort=…&order=…&limit=…&offset=…
// The generic list API's answer for TLS Secrets (this static segment takes precedence over [kind]):
// read as the signed-in person by default, never from a shared cache the dashboard filled with every
// Secret, and only where that person may list Secrets (ADR 0013). No `stream` position: TLS Secrets
// have no live feed in person mode; certificates change over days, a page load reads them again.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ cluster: string }> }): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  const { cluster } = await context.params;
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    const query = parseListQuery(new URL(request.url).searchParams);
    if (!query.success) return jsonError(400, 'invalid', `Invalid query: ${z.prettifyError(query.error)}`);
    let selector;
    try {
      selector = parseSelector(query.data.labelSelector);
    } catch (err) {
      return jsonError(400, 'invalid', `Invalid label selector: ${err instanceof Error ? err.message : String(err)}`);
    }
    const view = await tlsSecretsForUser(cache, who, query.data.namespaces);
    const page = selectPage(
      tlsSecretsKind,
      view.objects,
      query.data,
      (labels) => matchesSelector(selector, labels),
      () => true,
    );
    return json({ ...page, cache: view.cache });
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}
