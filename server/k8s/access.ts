import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import { Semaphore, TokenBuckets } from '@/server/k8s/access-limits';
import { KubeError } from '@/server/k8s/errors';
import { HttpStatusError, kubeJson, type Impersonation } from '@/server/k8s/transport';
import { logger } from '@/server/observability/log';
import { counter } from '@/server/observability/metrics';

// Per-user access to the shared cache. The API server decides: a SubjectAccessReview asked by the
// dashboard identity ("may alice in these groups list pods in team-b?"). Answers are cached per
// (user, groups, verb, resource, namespace) for a short TTL in a bounded LRU. There is no fallback:
// when the review itself fails, the answer is "no" (REFERENCE.md, CVE-2018-18264) — with one
// exception: while the API server cannot be reached at all, an answer it gave within
// `staleIfErrorMs` is reused, so lists keep showing their last-known (stale-marked) data during an
// outage. RBAC cannot change while the API server is down; any HTTP answer (403…) still denies.
//
// Reviews are made as the dashboard, so one person must not be able to spend its API budget for
// everyone (issue 11, item 5; ADR 0016): identical reviews in flight are asked once, at most
// `concurrency` reviews per cluster run at a time, and each user may cause at most a bucket of
// reviews (cache misses) per time window. Over budget is an AccessBudgetError (429 + Retry-After),
// never a silent "allowed" and never a silent "denied".

export interface AccessQuery {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';
  group: string;
  resource: string;
  subresource?: string;
  /** '' = cluster-wide (all namespaces) */
  namespace: string;
  name?: string;
}

export interface AccessOptions {
  /**
   * Charge this review to the user's budget (default). The stream's per-event checks pass false: they
   * are caused by real changes in real namespaces, not by what a client names, and a denial there
   * would silently drop a live change.
   */
  budget?: boolean;
}

interface CacheEntry {
  allowed: boolean;
  expires: number;
  /** A refresh-ahead review is in flight for it. */
  refreshing?: boolean;
}

/**
 * Share of the TTL after which an answer that is used is asked again in the background, while it is
 * still served. A person who keeps reading never waits for their reviews to expire (a developer's list
 * waited for one review per namespace every TTL: hundreds of ms at 100 namespaces), and no answer is
 * served older than the TTL, as before.
 */
export const REFRESH_AHEAD = 0.8;

/** The person asked for more access reviews than their budget allows: answered 429 with Retry-After. */
export class AccessBudgetError extends KubeError {
  constructor(readonly retryAfterSeconds: number) {
    super('too-many-requests', `Too many permission checks; try again in ${retryAfterSeconds} s`, { status: 429 });
    this.name = 'AccessBudgetError';
  }
}

export const ACCESS_DEFAULTS = {
  /** SubjectAccessReviews in flight per cluster. */
  concurrency: 16,
  /** Reviews (cache misses) one user may cause at once… */
  budgetBurst: 1000,
  /** …and per second after that. */
  budgetPerSecond: 50,
};

const reviewsTotal = counter({
  name: 'wheelhouse_access_reviews_total',
  help: 'Access checks by outcome: hit (cached), refresh (cached, asked again in the background before it expires), coalesced (joined one in flight), miss (review started), api_call (SubjectAccessReview sent), error (review failed), denied_budget (over the per-user budget)',
  labelNames: ['result'] as const,
});

const log = logger('access-cache');

export class AccessCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<boolean>>();
  private readonly slots: Semaphore;
  private readonly budgets: TokenBuckets;
  /** SubjectAccessReviews sent to the API server (tests and benchmarks read it). */
  reviews = 0;

  /** How long an answer is kept. */
  get ttlMs(): number {
    return this.opts.ttlMs;
  }

  constructor(
    private readonly kc: KubeConfig,
    private readonly opts: {
      ttlMs: number;
      maxEntries: number;
      timeoutMs: number;
      staleIfErrorMs?: number;
      concurrency?: number;
      budgetBurst?: number;
      budgetPerSecond?: number;
      /** Unused: failures go to the structured log (kept so callers need not change). */
      log?: (m: string) => void;
    },
  ) {
    this.slots = new Semaphore(opts.concurrency ?? ACCESS_DEFAULTS.concurrency);
    this.budgets = new TokenBuckets(
      opts.budgetBurst ?? ACCESS_DEFAULTS.budgetBurst,
      opts.budgetPerSecond ?? ACCESS_DEFAULTS.budgetPerSecond,
      opts.maxEntries,
    );
  }

  /**
   * The cache key: a JSON tuple, so no user or group name can forge another's key by containing a
   * separator (groups `a,b` vs `a` + `b`, or `|`, `:` or NUL inside a name).
   */
  static key(who: Impersonation, q: AccessQuery): string {
    const groups = [...who.groups].sort();
    return JSON.stringify([
      who.user,
      groups,
      q.verb,
      q.group,
      q.resource,
      q.subresource ?? '',
      q.namespace,
      q.name ?? '',
    ]);
  }

  async allowed(who: Impersonation, q: AccessQuery, options: AccessOptions = {}): Promise<boolean> {
    const key = AccessCache.key(who, q);
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && hit.expires > now) {
      // refresh LRU position
      this.entries.delete(key);
      this.entries.set(key, hit);
      reviewsTotal.inc({ result: 'hit' });
      if (!hit.refreshing && now >= hit.expires - this.opts.ttlMs * (1 - REFRESH_AHEAD))
        this.refreshAhead(key, who, q, hit);
      return hit.allowed;
    }
    const pending = this.inflight.get(key);
    if (pending) {
      reviewsTotal.inc({ result: 'coalesced' });
      return pending;
    }
    if (options.budget !== false) {
      const wait = this.budgets.take(who.user, now);
      if (wait > 0) {
        reviewsTotal.inc({ result: 'denied_budget' });
        throw new AccessBudgetError(Math.max(1, Math.ceil(wait / 1000)));
      }
    }
    reviewsTotal.inc({ result: 'miss' });
    const p = this.slots
      .run(() => this.review(who, q))
      .then((allowed) => {
        this.remember(key, allowed);
        return allowed;
      })
      .catch((err: unknown) => {
        reviewsTotal.inc({ result: 'error' });
        const message = err instanceof Error ? err.message : String(err);
        const staleFor = hit ? now - (hit.expires - this.opts.ttlMs) : Infinity;
        if (hit && !(err instanceof HttpStatusError) && staleFor <= (this.opts.staleIfErrorMs ?? 0)) {
          log.warn(
            { err: message, resource: q.resource, staleSeconds: Math.round(staleFor / 1000) },
            'access review failed; reusing an earlier answer',
          );
          return hit.allowed;
        }
        log.warn({ err: message, resource: q.resource }, 'access review failed; denying');
        return false;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  /**
   * Asks again before the answer expires. Not charged to the person's budget: at most one per cached
   * answer per TTL × REFRESH_AHEAD, and only for answers in use. A failure is not retried: the answer
   * expires as it would have, and the next request reviews it (with the stale-if-error rule).
   */
  private refreshAhead(key: string, who: Impersonation, q: AccessQuery, hit: CacheEntry): void {
    hit.refreshing = true;
    reviewsTotal.inc({ result: 'refresh' });
    this.slots
      .run(() => this.review(who, q))
      .then(
        (allowed) => this.remember(key, allowed),
        (err: unknown) => {
          reviewsTotal.inc({ result: 'error' });
          log.warn(
            { err: err instanceof Error ? err.message : String(err), resource: q.resource },
            'access refresh failed',
          );
        },
      );
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
    reviewsTotal.inc({ result: 'api_call' });
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
