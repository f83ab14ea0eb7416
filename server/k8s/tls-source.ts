import 'server-only';

import type { CertificateInfo, TlsSecretSummary } from '@/lib/k8s/kinds/tls-secrets';
import { tlsSecretsKind } from '@/lib/k8s/kinds/tls-secrets';
import { namespacesKind } from '@/lib/k8s/kinds/namespaces';
import { ObjectStore } from '@/server/k8s/store';
import type { KubeObject } from '@/lib/k8s/object';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { Reflector } from '@/server/k8s/reflector';
import type { ClusterCache } from '@/server/k8s/cache';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { mapLimit } from '@/server/k8s/map-limit';
import { cacheStateOf, type CacheState } from '@/server/k8s/resources';
import { PersonTlsSecrets } from '@/server/k8s/tls-person';
import { HttpStatusError, type Impersonation } from '@/server/k8s/transport';

// Where TLS Secret facts come from, for one person (ADR 0013). Two modes (WHEELHOUSE_TLS_SECRETS):
// - person (default): impersonated LISTs as that person (server/k8s/tls-person.ts); the dashboard's
//   identity holds no Secret permission at all;
// - shared (opt-in): the shared watch cache, read by the dashboard with an extra ClusterRole.
// Either way a person receives a TLS Secret (its metadata and leaf facts) only in namespaces where
// the API server says they may list Secrets. In shared mode, Secrets named by a Certificate or an
// Ingress they may read elsewhere yield derived facts only: namespace, name, leaf certificate —
// never the Secret's labels, annotations, uid or timestamps (issue 11, item 7).

export interface TlsSecretsView {
  /** Reduced TLS Secrets (metadata + leaf facts; never data) the person may read. */
  objects: KubeObject[];
  /** Namespaces where the person may list Secrets ('all' = cluster-wide). */
  readable: 'all' | Set<string>;
  cache: CacheState;
}

const WAIT_MS = 10_000;
/** Impersonated namespace lists in flight per request. */
const CONCURRENCY = 4;

const readers = new WeakMap<ClusterCache, PersonTlsSecrets>();

function readerFor(cache: ClusterCache): PersonTlsSecrets {
  let reader = readers.get(cache);
  if (!reader) {
    reader = new PersonTlsSecrets(cache.kc);
    readers.set(cache, reader);
  }
  return reader;
}

/** The person-mode reader of a cluster (tests look at its request count). */
export function personTlsReader(cache: ClusterCache): PersonTlsSecrets {
  return readerFor(cache);
}

async function ready(cache: ClusterCache, kind: KindDescriptor): Promise<Reflector> {
  const reflector = await cache.reflector(kind);
  if (!(await reflector.ready(WAIT_MS)) && reflector.lastSyncAt === undefined) {
    throw toKubeError(
      reflector.lastError ??
        new KubeError('timeout', `Cluster ${cache.name} did not answer the list of ${kind.plural}`),
      { cluster: cache.name, server: cache.kc.getCurrentCluster()?.server },
    );
  }
  return reflector;
}

/** Namespaces (of `candidates`, else of the cluster) where `who` may list Secrets: SubjectAccessReviews, cached. */
export async function secretNamespaces(
  cache: ClusterCache,
  who: Impersonation,
  candidates?: readonly string[],
): Promise<'all' | Set<string>> {
  const may = (namespace: string) =>
    cache.access.allowed(who, { verb: 'list', group: '', resource: 'secrets', namespace });
  if (await may('')) return 'all';
  const names = candidates ?? [...(await ready(cache, namespacesKind)).store.values()].map((n) => n.metadata.name);
  const answers = await Promise.all(names.map(async (ns) => [ns, await may(ns)] as const));
  return new Set(answers.filter(([, ok]) => ok).map(([ns]) => ns));
}

/** The TLS Secrets `who` may read, in `namespaces` (all when empty), reduced to leaf facts. */
export async function tlsSecretsForUser(
  cache: ClusterCache,
  who: Impersonation,
  namespaces: readonly string[] = [],
): Promise<TlsSecretsView> {
  const readable = await secretNamespaces(cache, who, namespaces.length ? namespaces : undefined);
  const wanted = (ns: string | undefined) =>
    ns !== undefined &&
    (namespaces.length === 0 || namespaces.includes(ns)) &&
    (readable === 'all' || readable.has(ns));
  if (cache.tlsSecrets === 'shared') {
    const reflector = await ready(cache, tlsSecretsKind);
    const objects = [...reflector.store.values()].filter((o) => wanted(o.metadata.namespace));
    return { objects, readable, cache: cacheStateOf(reflector) };
  }
  const reader = readerFor(cache);
  const scopes = readable === 'all' ? (namespaces.length ? [...namespaces] : ['']) : [...readable];
  const lists = await mapLimit(scopes, CONCURRENCY, (ns) =>
    reader.list(who, ns).catch((err: unknown) => {
      // RBAC changed since the review (or the review was stale): the API server's answer wins.
      if (err instanceof HttpStatusError && err.statusCode === 403) return [];
      if (err instanceof HttpStatusError)
        throw toKubeError({ code: err.statusCode, body: err.body }, { cluster: cache.name });
      throw toKubeError(err, { cluster: cache.name });
    }),
  );
  return {
    objects: lists.flat().filter((o) => wanted(o.metadata.namespace)),
    readable,
    cache: { state: 'ready', syncedAt: new Date().toISOString() },
  };
}

/**
 * Shared mode only: leaf facts of the Secrets that Certificates or Ingresses the person may read name
 * (`refs`), in namespaces whose Secrets they may not read. What the Certificate or Ingress already
 * says (namespace, secret name) plus the public certificate facts; nothing of the Secret's metadata.
 * In person mode there is nothing the person may not read themselves, so this is empty.
 */
export async function derivedTlsFacts(
  cache: ClusterCache,
  refs: readonly { namespace: string; name: string }[],
  readable: 'all' | Set<string>,
): Promise<TlsSecretSummary[]> {
  if (cache.tlsSecrets !== 'shared' || readable === 'all') return [];
  const hidden = refs.filter((r) => !readable.has(r.namespace));
  if (!hidden.length) return [];
  const { store } = await ready(cache, tlsSecretsKind);
  const out = new Map<string, TlsSecretSummary>();
  for (const { namespace, name } of hidden) {
    const key = ObjectStore.keyOf(namespace, name);
    const obj = store.get(key);
    if (!obj || out.has(key)) continue;
    const cert = (obj as { certificate?: CertificateInfo | { error: string } }).certificate;
    const facts = !cert ? { error: 'not parsed' } : 'error' in cert ? { error: cert.error } : { certificate: cert };
    out.set(key, { uid: `derived:${key}`, namespace, name, resourceVersion: '', labels: {}, ...facts });
  }
  return [...out.values()];
}
