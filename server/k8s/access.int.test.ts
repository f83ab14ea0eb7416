import { afterAll, describe, expect, it } from 'vitest';

import { podsKind } from '@/lib/k8s/kinds/pods';
import { AccessBudgetError, AccessCache } from '@/server/k8s/access';
import { ClusterCache } from '@/server/k8s/cache';
import { listQuerySchema } from '@/server/k8s/list-query';
import { listForUser } from '@/server/k8s/resources';
import { kubeConfig } from '@/local-cluster/test/kube';

// SubjectAccessReview fan-out against the real API server (issue 11, item 5): reviews are counted
// where they are sent (AccessCache.reviews counts each POST to subjectaccessreviews).

const settings = {
  requestTimeoutMs: 10_000,
  pageSize: 500,
  idleMs: 60_000,
  accessTtlMs: 30_000,
  accessMaxEntries: 1000,
};
const cache = new ClusterCache('local', kubeConfig('dashboard'), settings, () => undefined);
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };

afterAll(async () => {
  await cache.stop();
});

describe('access reviews', () => {
  it('asks nothing about 200 made-up namespaces in one list request', async () => {
    expect(await (await cache.reflector(podsKind)).ready(15_000)).toBe(true);
    const made = Array.from({ length: 200 }, (_, i) => `h3b-nope-${i}`);
    const before = cache.access.reviews;
    const page = await listForUser(cache, bob, podsKind, listQuerySchema.parse({ namespaces: made }));
    expect(page.items).toEqual([]);
    // Only "may bob list pods cluster-wide?" (no): 402 reviews before the fix.
    expect(cache.access.reviews - before).toBeLessThanOrEqual(2);
  });

  it('still answers for namespaces that exist', async () => {
    const page = await listForUser(
      cache,
      bob,
      podsKind,
      listQuerySchema.parse({ namespaces: ['shop-frontend', 'data-platform', 'h3b-nope-1'] }),
    );
    const namespaces = new Set(page.items.map((p) => p.namespace));
    expect(namespaces.has('shop-frontend')).toBe(true); // developers may read shop-*
    expect(namespaces.has('data-platform')).toBe(false); // …but not data-platform
  });

  it('asks identical reviews in flight once', async () => {
    const access = new AccessCache(kubeConfig('dashboard'), { ttlMs: 30_000, maxEntries: 100, timeoutMs: 10_000 });
    const q = { verb: 'list' as const, group: 'apps', resource: 'deployments', namespace: 'shop-backend' };
    const answers = await Promise.all(Array.from({ length: 25 }, () => access.allowed(bob, q)));
    expect(new Set(answers)).toEqual(new Set([true]));
    expect(access.reviews).toBe(1);
  });

  it('refuses reviews over the per-user budget with a retry time, and keeps cached answers', async () => {
    const access = new AccessCache(kubeConfig('dashboard'), {
      ttlMs: 60_000,
      maxEntries: 100,
      timeoutMs: 10_000,
      budgetBurst: 5,
      budgetPerSecond: 0.01,
    });
    const q = (namespace: string) => ({ verb: 'list' as const, group: '', resource: 'pods', namespace });
    for (const ns of ['shop-frontend', 'shop-backend', 'data-platform', 'default', 'kube-system']) {
      await access.allowed(bob, q(ns));
    }
    const over = await access.allowed(bob, q('observability')).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(over).toBeInstanceOf(AccessBudgetError);
    expect((over as AccessBudgetError).status).toBe(429);
    expect((over as AccessBudgetError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(access.reviews).toBe(5);
    // Cached answers cost nothing; another person has a budget of their own.
    expect(await access.allowed(bob, q('shop-frontend'))).toBe(true);
    expect(await access.allowed({ user: 'alice', groups: ['wheelhouse:operators'] }, q('observability'))).toBe(true);
  });

  it("reviews every namespace that exists for a developer's all-namespaces list, whatever the budget", async () => {
    // At 1,000 namespaces a developer's first list needs 1,001 reviews, more than the burst of 1,000:
    // every list answered 429 (issue 14). The namespaces reviewed are the cluster's own, bounded by
    // it, not by anything the client sends, so they are not charged (ADR 0016, amended).
    const small = new ClusterCache('local', kubeConfig('dashboard'), settings, () => undefined);
    (small as unknown as { access: AccessCache }).access = new AccessCache(kubeConfig('dashboard'), {
      ttlMs: 30_000,
      maxEntries: 1000,
      timeoutMs: 10_000,
      budgetBurst: 3,
      budgetPerSecond: 0.01,
    });
    try {
      expect(await (await small.reflector(podsKind)).ready(15_000)).toBe(true);
      const page = await listForUser(small, bob, podsKind, listQuerySchema.parse({}));
      const namespaces = new Set(page.items.map((p) => p.namespace));
      expect(namespaces.has('shop-frontend')).toBe(true);
      expect(namespaces.has('data-platform')).toBe(false);
      expect(small.access.reviews).toBeGreaterThan(3);
      // Reviews of namespaces the client names are still charged: the burst of 3 (1 spent on the
      // cluster-wide question) runs out on the third.
      const ask = (namespace: string) =>
        small.access.allowed(bob, { verb: 'list', group: '', resource: 'pods', namespace }).then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(await ask('h3b-nope-budget-1')).toBeUndefined();
      expect(await ask('h3b-nope-budget-2')).toBeUndefined();
      const made = await ask('h3b-nope-budget-3');
      expect(made).toBeInstanceOf(AccessBudgetError);
    } finally {
      await small.stop();
    }
  });
});
