import 'server-only';

import { setImmediate as nextTurn } from 'node:timers/promises';

import type { KubeConfig } from '@kubernetes/client-node';

import type { KubeObject } from '@/lib/k8s/object';
import { tlsSecretTransform } from '@/server/k8s/tls-secrets';
import { kubeJson, type Impersonation } from '@/server/k8s/transport';
import { counter } from '@/server/observability/metrics';

// TLS Secrets read as the signed-in person (ADR 0013): the dashboard's own identity never lists
// Secrets. An impersonated LIST with the field selector type=kubernetes.io/tls, per namespace (or
// cluster-wide when the person may), reduced to leaf facts as each page arrives (no key, no PEM, no
// data kept), cached briefly per (person, namespace) in a bounded LRU. Concurrent readers of the same
// (person, namespace) share one request (single flight); failures are not cached.

export interface PersonTlsSettings {
  /** How long one person's list of a namespace is reused. */
  ttlMs: number;
  /** Bound on cached (person, namespace) lists; the least recently used goes first. */
  maxEntries: number;
  timeoutMs: number;
  /** Secrets per LIST page: bounds the JSON parsed in one go (a Secret may be up to 1 MiB). */
  pageSize: number;
}

export const PERSON_TLS_DEFAULTS: PersonTlsSettings = {
  ttlMs: 30_000,
  maxEntries: 2_000,
  timeoutMs: 10_000,
  pageSize: 50,
};

/** Parsing one Secret is bounded (64 KiB, linear); this bounds a run of them between event-loop turns. */
const YIELD_AFTER_MS = 5;

const reads = counter({
  name: 'wheelhouse_tls_person_reads_total',
  help: 'TLS Secret lists read as the person: hit (cached), shared (joined one in flight), list (impersonated LIST sent), error',
  labelNames: ['result'] as const,
});

interface Entry {
  expires: number;
  value: Promise<KubeObject[]>;
}

interface SecretList {
  metadata?: { continue?: string };
  items?: KubeObject[];
}

export class PersonTlsSecrets {
  private readonly entries = new Map<string, Entry>();
  /** Impersonated LIST requests sent (tests read it). */
  lists = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly settings: PersonTlsSettings = PERSON_TLS_DEFAULTS,
  ) {}

  /**
   * The reduced TLS Secrets of `namespace` ('' = all namespaces) as `who` may list them. Rejects with
   * the transport's HttpStatusError when the API server refuses (403: the person may not list them).
   */
  list(who: Impersonation, namespace: string, now = Date.now()): Promise<KubeObject[]> {
    // JSON keeps the parts apart: no user or group name can make two identities share a key.
    const key = JSON.stringify([who.user, [...who.groups].sort(), namespace]);
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      this.entries.delete(key); // re-insert: Map order is the LRU order
      this.entries.set(key, hit);
      reads.inc({ result: hit.expires === Infinity ? 'shared' : 'hit' });
      return hit.value;
    }
    // In flight until it settles (expires = Infinity), then reused for ttlMs from that moment.
    const entry: Entry = { expires: Infinity, value: this.read(who, namespace) };
    this.entries.set(key, entry);
    while (this.entries.size > this.settings.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    entry.value.then(
      () => (entry.expires = Date.now() + this.settings.ttlMs),
      () => {
        reads.inc({ result: 'error' });
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /** Forgets everything cached (tests; a sign-out need not: entries expire within ttlMs). */
  clear(): void {
    this.entries.clear();
  }

  private async read(who: Impersonation, namespace: string): Promise<KubeObject[]> {
    const path = namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets` : '/api/v1/secrets';
    const out: KubeObject[] = [];
    let cont: string | undefined;
    let since = performance.now();
    do {
      this.lists++;
      reads.inc({ result: 'list' });
      const body = await kubeJson<SecretList>(this.kc, {
        path,
        query: { fieldSelector: 'type=kubernetes.io/tls', limit: this.settings.pageSize, continue: cont },
        impersonate: who,
        timeoutMs: this.settings.timeoutMs,
      });
      for (const item of body.items ?? []) {
        // The field selector is the API server's filter; checking again costs nothing.
        if ((item as { type?: string }).type !== 'kubernetes.io/tls') continue;
        const reduced = tlsSecretTransform(item);
        if (reduced) out.push(reduced);
        if (performance.now() - since > YIELD_AFTER_MS) {
          await nextTurn();
          since = performance.now();
        }
      }
      cont = body.metadata?.continue || undefined;
    } while (cont);
    return out;
  }
}
