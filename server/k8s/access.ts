import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import { HttpStatusError, kubeJson, type Impersonation } from '@/server/k8s/transport';

// Per-user access to the shared cache. The API server decides: a SubjectAccessReview asked by the
// dashboard identity ("may alice in these groups list pods in team-b?"). Answers are cached per
// (user, groups, verb, resource, namespace) for a short TTL in a bounded LRU. There is no fallback:
// when the review itself fails, the answer is "no" (REFERENCE.md, CVE-2018-18264) — with one
// exception: while the API server cannot be reached at all, an answer it gave within
// `staleIfErrorMs` is reused, so lists keep showing their last-known (stale-marked) data during an
// outage. RBAC cannot change while the API server is down; any HTTP answer (403…) still denies.

export interface AccessQuery {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';
  group: string;
  resource: string;
  subresource?: string;
  /** '' = cluster-wide (all namespaces) */
  namespace: string;
  name?: string;
}

interface CacheEntry {
  allowed: boolean;
  expires: number;
}

export class AccessCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<boolean>>();
  reviews = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly opts: {
      ttlMs: number;
      maxEntries: number;
      timeoutMs: number;
      staleIfErrorMs?: number;
      log?: (m: string) => void;
    },
  ) {}

  static key(who: Impersonation, q: AccessQuery): string {
    const groups = [...who.groups].sort().join(',');
    return [who.user, groups, q.verb, q.group, q.resource, q.subresource ?? '', q.namespace, q.name ?? ''].join(
      '\u0000',
    );
  }

  async allowed(who: Impersonation, q: AccessQuery): Promise<boolean> {
    const key = AccessCache.key(who, q);
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && hit.expires > now) {
      // refresh LRU position
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.allowed;
    }
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const p = this.review(who, q)
      .then((allowed) => {
        this.remember(key, allowed);
        return allowed;
      })
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        const staleFor = hit ? now - (hit.expires - this.opts.ttlMs) : Infinity;
        if (hit && !(err instanceof HttpStatusError) && staleFor <= (this.opts.staleIfErrorMs ?? 0)) {
          this.opts.log?.(
            `access review failed (${message}); reusing an answer from ${Math.round(staleFor / 1000)} s ago`,
          );
          return hit.allowed;
        }
        this.opts.log?.(`access review failed, denying: ${message}`);
        return false;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private remember(key: string, allowed: boolean): void {
    this.entries.set(key, { allowed, expires: Date.now() + this.opts.ttlMs });
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  private async review(who: Impersonation, q: AccessQuery): Promise<boolean> {
    this.reviews++;
    const body = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: who.user,
        groups: [...who.groups, 'system:authenticated'],
        resourceAttributes: {
          verb: q.verb,
          group: q.group,
          resource: q.resource,
          subresource: q.subresource,
          namespace: q.namespace || undefined,
          name: q.name,
        },
      },
    };
    const res = await kubeJson<{ status?: { allowed?: boolean } }>(this.kc, {
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      body,
      timeoutMs: this.opts.timeoutMs,
    });
    return res.status?.allowed === true;
  }
}
