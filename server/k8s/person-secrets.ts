import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import { stripSecret } from '@/lib/k8s/config-data';
import {
  groupReleases,
  HELM_LABEL_SELECTOR,
  HELM_RELEASE_TYPE,
  type HelmReleaseObject,
  type HelmRevisionRecord,
} from '@/lib/k8s/helm';
import type { KubeObject } from '@/lib/k8s/object';
import type { ClusterCache } from '@/server/k8s/cache';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { helmRevisionOf } from '@/server/k8s/helm-releases';
import { SingleFlightCache } from '@/server/k8s/single-flight-cache';
import { secretNamespaces } from '@/server/k8s/tls-source';
import { HttpStatusError, kubeJson, type Impersonation } from '@/server/k8s/transport';
import { counter } from '@/server/observability/metrics';

// Secrets and Helm releases, read as the signed-in person on demand (ADR 0019; ADR 0013 for why the
// dashboard's own identity lists no Secret). Which namespaces: SubjectAccessReviews "may this person
// list secrets" (cached, as for TLS Secrets); then an impersonated, paged LIST per namespace (or one
// cluster-wide), each item reduced as it arrives — Secrets to metadata and key sizes (stripSecret),
// Helm release Secrets to their public facts (helmRevisionOf) — and the page dropped. Results are
// cached per (person, groups, namespace, what) for a few seconds in a bounded LRU; concurrent
// readers share one request; failures are not cached.

export type PersonRead = 'secrets' | 'helm';

export interface PersonSecretSettings {
  ttlMs: number;
  maxEntries: number;
  timeoutMs: number;
  /** Secrets per LIST page: a Secret may be up to 1 MiB, so this bounds the JSON parsed at once. */
  pageSize: number;
}

export const PERSON_SECRET_DEFAULTS: PersonSecretSettings = {
  ttlMs: 10_000,
  maxEntries: 2_000,
  timeoutMs: 10_000,
  pageSize: 50,
};

const reads = counter({
  name: 'wheelhouse_secret_person_reads_total',
  help: 'Secret and Helm release lists read as the person: hit (cached), shared (joined one in flight), list (impersonated LIST page), error',
  labelNames: ['what', 'result'] as const,
});

type Item = KubeObject | HelmRevisionRecord;

export class PersonSecretReader {
  private readonly cache: SingleFlightCache<Item[]>;
  /** Impersonated LIST pages sent (tests read it). */
  lists = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly settings: PersonSecretSettings = PERSON_SECRET_DEFAULTS,
  ) {
    this.cache = new SingleFlightCache(settings);
  }

  list(who: Impersonation, namespace: string, what: PersonRead, now = Date.now()): Promise<Item[]> {
    const key = JSON.stringify([who.user, [...who.groups].sort(), namespace, what]);
    const { value, outcome } = this.cache.get(key, () => this.read(who, namespace, what), now);
    if (outcome !== 'miss') reads.inc({ what, result: outcome });
    value.catch(() => reads.inc({ what, result: 'error' }));
    return value;
  }

  clear(): void {
    this.cache.clear();
  }

  private async read(who: Impersonation, namespace: string, what: PersonRead): Promise<Item[]> {
    const path = namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets` : '/api/v1/secrets';
    const out: Item[] = [];
    let cont: string | undefined;
    do {
      this.lists++;
      reads.inc({ what, result: 'list' });
      const body = await kubeJson<{ metadata?: { continue?: string }; items?: KubeObject[] }>(this.kc, {
        path,
        query: {
          limit: this.settings.pageSize,
          continue: cont,
          ...(what === 'helm'
            ? { labelSelector: HELM_LABEL_SELECTOR, fieldSelector: `type=${HELM_RELEASE_TYPE}` }
            : {}),
        },
        impersonate: who,
        timeoutMs: this.settings.timeoutMs,
      });
      for (const item of body.items ?? []) {
        if (what === 'secrets') {
          out.push(stripSecret(item));
        } else if ((item as { type?: string }).type === HELM_RELEASE_TYPE) {
          const record = helmRevisionOf(item);
          if (record) out.push(record);
        }
      }
      cont = body.metadata?.continue || undefined;
    } while (cont);
    return out;
  }
}

const readers = new WeakMap<ClusterCache, PersonSecretReader>();

/** The person-mode reader of a cluster (tests look at its request count). */
export function personSecretReader(cache: ClusterCache): PersonSecretReader {
  let reader = readers.get(cache);
  if (!reader) {
    reader = new PersonSecretReader(cache.kc);
    readers.set(cache, reader);
  }
  return reader;
}

export interface PersonView<T> {
  objects: T[];
  /** Namespaces where the person may list Secrets ('all' = cluster-wide). */
  readable: 'all' | Set<string>;
}

/** A clear 403 when the person may list Secrets in none of the namespaces asked for (or none at all). */
export function noSecretAccess(cache: ClusterCache, what: string, namespaces: readonly string[]): KubeError {
  const where = namespaces.length ? `in ${namespaces.join(', ')}` : 'in any namespace';
  return new KubeError(
    'forbidden',
    `You may not list Secrets ${where} of cluster ${cache.name}, so ${what} are not shown: ask for a role with list on secrets`,
    { status: 403 },
  );
}

async function readAll(
  cache: ClusterCache,
  who: Impersonation,
  namespaces: readonly string[],
  what: PersonRead,
): Promise<{ items: Item[]; readable: 'all' | Set<string> }> {
  const readable = await secretNamespaces(cache, who, namespaces.length ? namespaces : undefined);
  if (readable !== 'all' && readable.size === 0) {
    throw noSecretAccess(cache, what === 'helm' ? 'Helm releases' : 'Secrets', namespaces);
  }
  const scopes = readable === 'all' ? (namespaces.length ? [...namespaces] : ['']) : [...readable];
  const reader = personSecretReader(cache);
  const lists: Item[][] = [];
  // A few namespaces at a time: bounded work on the API server per request.
  for (let i = 0; i < scopes.length; i += 4) {
    lists.push(
      ...(await Promise.all(
        scopes.slice(i, i + 4).map((ns) =>
          reader.list(who, ns, what).catch((err: unknown) => {
            // RBAC changed since the review: the API server's answer wins.
            if (err instanceof HttpStatusError && err.statusCode === 403) return [];
            if (err instanceof HttpStatusError)
              throw toKubeError({ code: err.statusCode, body: err.body }, { cluster: cache.name });
            throw toKubeError(err, { cluster: cache.name });
          }),
        ),
      )),
    );
  }
  return { items: lists.flat(), readable };
}

/** The Secrets `who` may list in `namespaces` (all when empty): stripped, never a value. */
export async function secretsForUser(
  cache: ClusterCache,
  who: Impersonation,
  namespaces: readonly string[] = [],
): Promise<PersonView<KubeObject>> {
  const { items, readable } = await readAll(cache, who, namespaces, 'secrets');
  return { objects: items as KubeObject[], readable };
}

/** The Helm releases (newest revision + history) in namespaces whose Secrets `who` may list. */
export async function helmReleasesForUser(
  cache: ClusterCache,
  who: Impersonation,
  namespaces: readonly string[] = [],
): Promise<PersonView<HelmReleaseObject>> {
  const { items, readable } = await readAll(cache, who, namespaces, 'helm');
  return { objects: groupReleases(items as HelmRevisionRecord[]), readable };
}
