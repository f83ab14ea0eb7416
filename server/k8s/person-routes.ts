import 'server-only';

import { z } from 'zod';

import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { matches as matchesSelector, parseSelector } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';
import { currentIdentity } from '@/server/auth/identity';
import { json, jsonError, kubeErrorResponse, unauthenticated } from '@/server/http/responses';
import { parseListQuery, selectPage, summaryOf } from '@/server/k8s/list-query';
import { namespaceSchema, objectNameSchema } from '@/server/k8s/objects';
import type { PersonView } from '@/server/k8s/person-secrets';
import { cacheFor } from '@/server/k8s/registry';
import type { ClusterCache } from '@/server/k8s/cache';
import type { Impersonation } from '@/server/k8s/transport';

// The list and object answers of kinds read as the person (descriptor `readAs: 'person'`: Secrets,
// Helm releases), in the generic APIs' shapes, from a source that reads as the signed-in person.
// Static route segments (app/api/k8s/[cluster]/secrets, …/helm-releases) take precedence over [kind].

type Source<T extends KubeObject> = (
  cache: ClusterCache,
  who: Impersonation,
  namespaces: readonly string[],
) => Promise<PersonView<T>>;

/** Signed in, a known cluster, Kubernetes errors mapped to words: the frame of both answers. */
async function answer(
  cluster: string,
  fn: (cache: ClusterCache, who: Impersonation) => Promise<Response>,
): Promise<Response> {
  const who = await currentIdentity();
  if (!who) return unauthenticated();
  try {
    const cache = cacheFor(cluster);
    if (!cache) return jsonError(404, 'not-found', 'No such cluster');
    return await fn(cache, who);
  } catch (err) {
    return kubeErrorResponse(err, cluster);
  }
}

export function personListResponse<S extends BaseSummary, T extends KubeObject>(
  request: Request,
  cluster: string,
  kind: KindDescriptor<S>,
  source: Source<T>,
): Promise<Response> {
  return answer(cluster, async (cache, who) => {
    const query = parseListQuery(new URL(request.url).searchParams);
    if (!query.success) return jsonError(400, 'invalid', `Invalid query: ${z.prettifyError(query.error)}`);
    let selector;
    try {
      selector = parseSelector(query.data.labelSelector);
    } catch (err) {
      return jsonError(400, 'invalid', `Invalid label selector: ${err instanceof Error ? err.message : String(err)}`);
    }
    const view = await source(cache, who, query.data.namespaces);
    const page = selectPage(
      kind,
      view.objects,
      query.data,
      (labels) => matchesSelector(selector, labels),
      (ns) => view.readable === 'all' || (ns !== undefined && view.readable.has(ns)),
    );
    return json({ ...page, cache: { state: 'ready', syncedAt: new Date().toISOString() } });
  });
}

export function personObjectResponse<S extends BaseSummary, T extends KubeObject>(
  cluster: string,
  namespace: string,
  name: string,
  kind: KindDescriptor<S>,
  source: Source<T>,
): Promise<Response> {
  return answer(cluster, async (cache, who) => {
    const ns = namespaceSchema.safeParse(namespace);
    const n = objectNameSchema.safeParse(name);
    if (!ns.success || !n.success) return jsonError(400, 'invalid', 'Invalid namespace or name');
    // 403 before any lookup when the person may not list Secrets there (the source throws), so names
    // do not leak; then 404 only for what they could have listed themselves.
    const view = await source(cache, who, [ns.data]);
    const obj = view.objects.find((o) => o.metadata.namespace === ns.data && o.metadata.name === n.data);
    const title = kind.titleSingular ?? kind.kind;
    if (!obj)
      return jsonError(404, 'not-found', `${title} ${ns.data}/${n.data} was not found in cluster ${cache.name}`);
    return json({ object: { apiVersion: 'v1', kind: kind.kind, ...obj }, summary: summaryOf(kind, obj) });
  });
}
