import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import type { KindCacheHealth } from '@/lib/k8s/cluster-health';
import { kindById } from '@/lib/k8s/kinds';
import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { tlsSecretsKind } from '@/lib/k8s/kinds/tls-secrets';
import { controllerOf, type KubeObject } from '@/lib/k8s/object';
import { AccessCache } from '@/server/k8s/access';
import { compactPodTransform } from '@/server/k8s/compact-pod';
import { collectionPath, discoverVersions, type ServedVersions } from '@/server/k8s/discovery';
import { KubeError, toKubeError } from '@/server/k8s/errors';
import { listIndexFor } from '@/server/k8s/list-index';
import { Reflector } from '@/server/k8s/reflector';
import type { IndexFn } from '@/server/k8s/store';
import { tlsSecretTransform } from '@/server/k8s/tls-secrets';

// The shared cache: one reflector per (cluster, kind) for all users, started lazily on first use and
// stopped when nobody has used it for `idleMs`. Lives on globalThis so dev-mode reloads reuse it.

export interface CacheSettings {
  requestTimeoutMs: number;
  pageSize: number;
  idleMs: number;
  accessTtlMs: number;
  accessMaxEntries: number;
  /** Reuse access answers this old while the API server is unreachable (see access.ts). */
  accessStaleIfErrorMs?: number;
  /**
   * Who reads TLS Secrets (ADR 0013): 'person' (default) keeps them out of the shared cache — the
   * dashboard's identity needs no Secret permission; 'shared' is the opt-in shared watch.
   */
  tlsSecrets?: 'person' | 'shared';
}

interface Entry {
  reflector: Reflector;
  lastUsed: number;
  holds: number;
}

const INDEXES: Record<'owner' | 'node' | 'namespace', IndexFn<KubeObject>> = {
  namespace: (o) => (o.metadata.namespace ? [o.metadata.namespace] : []),
  owner: (o) => {
    const c = controllerOf(o);
    return c ? [c.uid] : [];
  },
  node: (o) => {
    const node = (o.spec as { nodeName?: string } | undefined)?.nodeName;
    return node ? [node] : [];
  },
};

/** The store's secondary indexes for a kind: namespace always, owner and node when the descriptor asks. */
export function cacheIndexes(kind: KindDescriptor): Record<string, IndexFn<KubeObject>> {
  const indexes: Record<string, IndexFn<KubeObject>> = { namespace: INDEXES.namespace };
  for (const i of kind.indexes) indexes[i] = INDEXES[i];
  return indexes;
}

/** Kinds whose list index is made with the reflector: pods, whose first page is the one people wait for. */
const INDEXED_AT_START: ReadonlySet<string> = new Set(['pods']);

type Transform = (o: KubeObject) => KubeObject | undefined;

/**
 * What a reflector keeps of each object of a kind, made once per reflector: TLS Secrets lose their
 * keys (ADR 0013); pods keep what summaries, indexes and relations read, and the detail page reads
 * the rest as the person (ADR 0027).
 */
const TRANSFORMS: Record<string, () => Transform> = {
  'tls-secrets': () => tlsSecretTransform,
  pods: () => compactPodTransform(),
};

/**
 * Whether the cache holds a kind's objects whole (every field the API has, less managedFields and
 * last-applied-configuration). Pods are kept compact (ADR 0027): their detail is read as the person.
 */
export function cacheKeepsWhole(kindId: string): boolean {
  return kindId !== 'pods';
}

/** The transform the shared cache applies to a kind's objects (a fresh one: it may hold a string table). */
export function cacheTransform(kindId: string): Transform | undefined {
  return TRANSFORMS[kindId]?.();
}

export class ClusterCache {
  readonly access: AccessCache;
  readonly tlsSecrets: 'person' | 'shared';
  private readonly entries = new Map<string, Entry>();
  private served: { at: number; versions: Promise<ServedVersions> } | undefined;

  constructor(
    readonly name: string,
    readonly kc: KubeConfig,
    private readonly settings: CacheSettings,
    private readonly log: (m: string) => void,
  ) {
    this.tlsSecrets = settings.tlsSecrets ?? 'person';
    this.access = new AccessCache(kc, {
      ttlMs: settings.accessTtlMs,
      maxEntries: settings.accessMaxEntries,
      staleIfErrorMs: settings.accessStaleIfErrorMs,
      timeoutMs: settings.requestTimeoutMs,
      log,
    });
  }

  servedVersions(): Promise<ServedVersions> {
    if (!this.served || Date.now() - this.served.at > 5 * 60_000) {
      // Mapped here so the message names the API server ("Cannot reach cluster x at https://…").
      const server = this.kc.getCurrentCluster()?.server;
      const timeoutMs = this.settings.requestTimeoutMs;
      const versions = discoverVersions(this.kc, timeoutMs).catch((err: unknown) => {
        throw toKubeError(err, { cluster: this.name, server, timeoutMs });
      });
      this.served = { at: Date.now(), versions };
      versions.catch(() => (this.served = undefined));
    }
    return this.served.versions;
  }

  /** The API version this cluster serves the kind at (discovered; see server/k8s/discovery.ts). */
  async versionFor(kind: KindDescriptor): Promise<string> {
    const served = await this.servedVersions();
    return served.versionFor(kind, this.name).catch((err: unknown) => {
      throw toKubeError(err, { cluster: this.name, server: this.kc.getCurrentCluster()?.server });
    });
  }

  /** The reflector for a kind, started if needed. Throws when the cluster does not serve the kind. */
  async reflector(kind: KindDescriptor): Promise<Reflector> {
    if (kind.id === tlsSecretsKind.id && this.tlsSecrets === 'person') {
      // Never as the dashboard: TLS Secrets are read as each person (server/k8s/tls-source.ts).
      throw new KubeError('invalid', 'TLS Secrets are read as the signed-in person, not from the shared cache', {
        status: 400,
      });
    }
    if (!kindById(kind.id)) {
      // Custom resources are read as each person (ADR 0020): the dashboard may not list them.
      throw new KubeError('invalid', `${kind.title} are read as the signed-in person, not from the shared cache`, {
        status: 400,
      });
    }
    if (kind.readAs === 'person') {
      // Secrets, Helm releases: read as each person on demand (server/k8s/person-secrets.ts, ADR 0019).
      throw new KubeError('invalid', `${kind.title} are read as the signed-in person, not from the shared cache`, {
        status: 400,
      });
    }
    const existing = this.entries.get(kind.id);
    if (existing) {
      existing.lastUsed = Date.now();
      existing.reflector.start();
      return existing.reflector;
    }
    const version = await this.versionFor(kind);
    const again = this.entries.get(kind.id); // another caller may have raced us here
    if (again) return again.reflector;
    const indexes = cacheIndexes(kind);
    const reflector = new Reflector<KubeObject>({
      kc: this.kc,
      listPath: collectionPath(kind, version),
      fieldSelector: kind.fieldSelector,
      transform: cacheTransform(kind.id),
      indexes,
      pageSize: this.settings.pageSize,
      requestTimeoutMs: this.settings.requestTimeoutMs,
      log: (m) => this.log(`[${this.name}/${kind.id}] ${m}`),
      labels: { cluster: this.name, kind: kind.id },
    });
    this.entries.set(kind.id, { reflector, lastUsed: Date.now(), holds: 0 });
    // Made before the list starts, the kind's ordered index (and its default order) follows the
    // first list page by page while the next page is in flight, instead of being built from 100,000
    // objects by the first request after the list (ADR 0002, amendment "Cold list").
    if (INDEXED_AT_START.has(kind.id)) listIndexFor(reflector.store, kind).order(kind.defaultSort);
    reflector.start();
    return reflector;
  }

  /** The running reflector of a kind, if any, without starting it or counting as use (health reports). */
  peek(kindId: string): Reflector | undefined {
    return this.entries.get(kindId)?.reflector;
  }

  /** Keeps a reflector alive while a stream subscription needs it; returns the release function. */
  hold(kindId: string): () => void {
    const e = this.entries.get(kindId);
    if (!e) return () => undefined;
    e.holds++;
    return () => {
      e.holds--;
      e.lastUsed = Date.now();
    };
  }

  stats(): {
    kind: string;
    state: string;
    objects: number;
    lists: number;
    watches: number;
    relists: number;
    events: number;
    listStartedAt?: number;
    listSyncedAt?: number;
  }[] {
    return [...this.entries.entries()].map(([kind, e]) => ({
      kind,
      state: e.reflector.state,
      objects: e.reflector.store.size,
      ...e.reflector.stats,
    }));
  }

  /** Per-kind state of the running reflectors, and the last time any of them heard from the API server. */
  health(): { kinds: KindCacheHealth[]; lastContactAt: number | undefined } {
    let lastContactAt: number | undefined;
    const kinds = [...this.entries.entries()].map(([kind, { reflector: r }]): KindCacheHealth => {
      if (r.lastContactAt !== undefined) lastContactAt = Math.max(lastContactAt ?? 0, r.lastContactAt);
      return {
        kind,
        state: r.state,
        objects: r.store.size,
        syncedAt: r.lastSyncAt === undefined ? undefined : new Date(r.lastSyncAt).toISOString(),
        error: r.lastError?.message,
      };
    });
    return { kinds: kinds.sort((a, b) => a.kind.localeCompare(b.kind)), lastContactAt };
  }

  async reapIdle(now = Date.now()): Promise<void> {
    for (const [id, e] of this.entries) {
      if (e.holds === 0 && now - e.lastUsed > this.settings.idleMs) {
        this.entries.delete(id);
        await e.reflector.stop();
        this.log(`[${this.name}/${id}] stopped after ${Math.round(this.settings.idleMs / 1000)} s idle`);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.reflector.stop()));
    this.entries.clear();
  }
}
