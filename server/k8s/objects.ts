import 'server-only';

import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { stripObject, type KubeObject } from '@/lib/k8s/object';
import { cacheKeepsWhole, type ClusterCache } from '@/server/k8s/cache';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { summaryOf } from '@/server/k8s/list-query';
import { isNamespaceKind } from '@/server/k8s/resources';
import { ObjectStore } from '@/server/k8s/store';
import { HttpStatusError, kubeJson, type Impersonation } from '@/server/k8s/transport';

// One object for one person, served from the shared cache after asking the API server whether that
// person may `get` it (SubjectAccessReview as them, cached briefly). The answer is the same whether
// or not the object exists when they may not read it (403 before any lookup), so names do not leak.
// Pods are cached compact (ADR 0027): their whole object (spec, env, probes, annotations) is read
// from the API server as the person, on demand.

// Names as routes take them (lib/k8s/names.ts): RBAC objects' names hold colons
// (system:controller:job-controller), so object names are path segments, not DNS subdomains.
export { namespaceSchema, objectNameSchema } from '@/lib/k8s/names';

export interface ObjectForUser<S extends BaseSummary = BaseSummary> {
  /** The object as stored (no managedFields, no last-applied-configuration, never Secret data). */
  object: KubeObject;
  summary: S;
}

export async function mayGet(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor,
  namespace: string,
  name: string,
): Promise<boolean> {
  const targets = kind.accessResource ?? [{ group: kind.group, resource: kind.plural }];
  // RBAC checks a Namespace with its own name as the namespace: bob, bound in shop-backend, may get it.
  const ns = isNamespaceKind(kind) ? name : namespace;
  for (const t of targets) {
    const q = { verb: 'get' as const, group: t.group, resource: t.resource, namespace: ns, name };
    if (await cache.access.allowed(who, q)) return true;
  }
  return false;
}

export async function getForUser<S extends BaseSummary>(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor<S>,
  namespace: string | undefined,
  name: string,
  waitMs = 10_000,
): Promise<ObjectForUser<S>> {
  const ns = kind.namespaced ? (namespace ?? '') : '';
  const what = `${kind.kind} ${ns ? `${ns}/` : ''}${name}`;
  if (!(await mayGet(cache, who, kind, ns, name))) {
    throw new KubeError('forbidden', `You may not read ${what} in cluster ${cache.name}`, { status: 403 });
  }
  if (!cacheKeepsWhole(kind.id)) return readAsPerson(cache, who, kind, ns, name, waitMs);
  const reflector = await cache.reflector(kind);
  if (!(await reflector.ready(waitMs)) && reflector.lastSyncAt === undefined) {
    throw toKubeError(reflector.lastError ?? new KubeError('timeout', `Cluster ${cache.name} did not answer in time`), {
      cluster: cache.name,
    });
  }
  const obj = reflector.store.get(ObjectStore.keyOf(ns || undefined, name)) as KubeObject | undefined;
  if (!obj) throw new KubeError('not-found', `${what} was not found in cluster ${cache.name}`, { status: 404 });
  // Items of a LIST carry no apiVersion/kind; the YAML view should read like `kubectl get -o yaml`.
  const version = await cache.versionFor(kind);
  const apiVersion = kind.group ? `${kind.group}/${version}` : version;
  return { object: { apiVersion, kind: kind.kind, ...stripObject(obj) }, summary: summaryOf(kind, obj) };
}

/** The object as the API server has it now, read as the person (their RBAC decides once more). */
async function readAsPerson<S extends BaseSummary>(
  cache: ClusterCache,
  who: Impersonation,
  kind: KindDescriptor<S>,
  ns: string,
  name: string,
  timeoutMs: number,
): Promise<ObjectForUser<S>> {
  const what = `${kind.kind} ${ns ? `${ns}/` : ''}${name}`;
  const version = await cache.versionFor(kind);
  const base = kind.group ? `/apis/${kind.group}/${version}` : `/api/${version}`;
  const scope = kind.namespaced ? `/namespaces/${encodeURIComponent(ns)}` : '';
  let obj: KubeObject;
  try {
    obj = await kubeJson<KubeObject>(cache.kc, {
      path: `${base}${scope}/${kind.plural}/${encodeURIComponent(name)}`,
      impersonate: who,
      timeoutMs,
    });
  } catch (err) {
    const status = err instanceof HttpStatusError ? err.statusCode : undefined;
    if (status === 403)
      throw new KubeError('forbidden', `You may not read ${what} in cluster ${cache.name}`, { status });
    if (status === 404) throw new KubeError('not-found', `${what} was not found in cluster ${cache.name}`, { status });
    throw mapTransportError(err, cache.name);
  }
  const apiVersion = kind.group ? `${kind.group}/${version}` : version;
  const object: KubeObject = { apiVersion, kind: kind.kind, ...stripObject(obj) };
  return { object, summary: kind.toSummary(object) };
}

/** Maps our transport's HttpStatusError into the one error mapping (server/k8s/errors.ts). */
export function mapTransportError(err: unknown, cluster: string): KubeError {
  if (err instanceof HttpStatusError) return toKubeError({ code: err.statusCode, body: err.body }, { cluster });
  return toKubeError(err, { cluster });
}
