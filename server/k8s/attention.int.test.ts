import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AttentionSummary } from '@/lib/k8s/attention-summary';
import { ATTENTION_CATEGORIES } from '@/lib/k8s/status/attention';
import { attentionForUser } from '@/server/k8s/attention';
import { cacheFor } from '@/server/k8s/registry';
import { clients, createNamespace, deleteNamespace, deployment, mergePatch, waitFor } from '@/local-cluster/test/kube';

// The Overview's server-side "needs attention" (ADR 0023) against the seeded local cluster
// (local-cluster/seed/README.md: the stuck shop-backend/payments rollout, its crash-looping pods,
// the expired data-platform certificate), as alice (operators) and bob (developers, shop-* only);
// then a pod of this test's own namespace entering and leaving CrashLoopBackOff, seen through the
// index the watch events keep current.

const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
const admin = clients('admin');

function cache() {
  const c = cacheFor('local');
  if (!c) throw new Error('cluster local is not configured');
  return c;
}

const everything = (a: AttentionSummary) => ATTENTION_CATEGORIES.flatMap((c) => a.categories[c].items);
const keys = (a: AttentionSummary, c: (typeof ATTENTION_CATEGORIES)[number]) =>
  a.categories[c].items.map((i) => `${i.namespace}/${i.name}`);

describe('attentionForUser on the seeded cluster', () => {
  it('shows alice the stuck rollout, its crash-looping pods and the expired certificate', async () => {
    const a = await waitFor(
      async () => {
        const r = await attentionForUser(cache(), alice, { top: 20 });
        return r.categories.pods.items.some((i) => i.name.startsWith('payments-')) && r;
      },
      60_000,
      'crash-looping payments pods on the Overview',
    );
    expect(keys(a, 'stuck')).toContain('shop-backend/payments');
    expect(a.categories.stuck.items.find((i) => i.name === 'payments')?.title).toBe('Rollout stuck');
    const crash = a.categories.pods.items.find((i) => i.namespace === 'shop-backend' && i.name.startsWith('payments-'));
    expect(crash?.title).toBe('Crash-looping');
    expect(crash?.severity).toBe('critical');
    expect(keys(a, 'certificates')).toContain('data-platform/query-api-tls');
    expect(a.critical).toBe(true);
    expect(a.needAttention).toBeGreaterThanOrEqual(a.categories.stuck.count + a.categories.pods.count);
    expect(a.namespaces.map((n) => n.namespace)).toEqual(expect.arrayContaining(['shop-backend', 'data-platform']));
    expect(a.workloads).toBeGreaterThan(0);
    for (const c of ATTENTION_CATEGORIES) expect(a.categories[c].items.length).toBeLessThanOrEqual(20);
  });

  it('shows bob only shop-* items and namespaces', async () => {
    const b = await attentionForUser(cache(), bob, { top: 20 });
    expect(keys(b, 'stuck')).toContain('shop-backend/payments');
    const seen = [...everything(b).map((i) => i.namespace), ...b.namespaces.map((n) => n.namespace)];
    expect(seen.length).toBeGreaterThan(0);
    for (const ns of seen) expect(ns).toMatch(/^shop-/);
    // Fewer than alice: data-platform's expired certificate and workloads are not his.
    const a = await attentionForUser(cache(), alice, { top: 20 });
    expect(b.workloads).toBeLessThan(a.workloads);
  });

  it('top bounds every category', async () => {
    const a = await attentionForUser(cache(), alice, { top: 1 });
    for (const c of ATTENTION_CATEGORIES) {
      expect(a.categories[c].items.length).toBe(Math.min(1, a.categories[c].count));
    }
  });
});

describe('attention follows watch events', () => {
  let ns = '';
  beforeAll(async () => {
    ns = await createNamespace(admin, 'attention');
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(admin, ns);
  });

  it('a crash-looping pod enters, and leaves once its Deployment runs a good template', async () => {
    // Read once so the index exists before the objects do: what follows arrives as watch events.
    await attentionForUser(cache(), alice, { top: 100 });
    await admin.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('loop', { replicas: 1, annotations: { 'sim.wheelhouse.dev/crash-loop': 'true' } }),
    });
    const mine = (a: AttentionSummary) => a.categories.pods.items.filter((i) => i.namespace === ns);
    const entered = await waitFor(
      async () => {
        const a = await attentionForUser(cache(), alice, { top: 100 });
        return mine(a).some((i) => i.title === 'Crash-looping') && a;
      },
      60_000,
      `the crash-looping pod of ${ns} on the Overview`,
    );
    expect(mine(entered)[0]?.name).toMatch(/^loop-/);
    expect(entered.namespaces.find((n) => n.namespace === ns)).toMatchObject({ workloads: 1 });
    // bob may not read this namespace: nothing of it reaches him.
    const b = await attentionForUser(cache(), bob, { top: 100 });
    expect(everything(b).some((i) => i.namespace === ns)).toBe(false);

    await admin.apps.patchNamespacedDeployment(
      {
        name: 'loop',
        namespace: ns,
        body: { spec: { template: { metadata: { annotations: { 'sim.wheelhouse.dev/crash-loop': null } } } } },
      },
      mergePatch,
    );
    const left = await waitFor(
      async () => {
        const a = await attentionForUser(cache(), alice, { top: 100 });
        return mine(a).length === 0 && a;
      },
      90_000,
      `the pods of ${ns} to leave "needs attention"`,
    );
    expect(left.categories.pods.items.some((i) => i.namespace === ns)).toBe(false);
  });
});
