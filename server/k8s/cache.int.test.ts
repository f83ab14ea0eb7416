import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cronJobsKind } from '@/lib/k8s/kinds/cronjobs';
import { jobsKind } from '@/lib/k8s/kinds/jobs';
import { tlsSecretsKind, type CertificateInfo } from '@/lib/k8s/kinds/tls-secrets';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { ClusterCache } from '@/server/k8s/cache';
import { listQuerySchema } from '@/server/k8s/list-query';
import { Reflector } from '@/server/k8s/reflector';
import { listForUser } from '@/server/k8s/resources';
import { tlsSecretsForUser } from '@/server/k8s/tls-source';
import { kubeJson } from '@/server/k8s/transport';
import { clients, createNamespace, deleteNamespace, kubeConfig, waitFor } from '@/local-cluster/test/kube';

// The shared cache against the real local API server: pagination, 410 handling, per-user filtering,
// multi-group impersonation and Secrets without data.

const admin = clients('admin');
const dashboard = kubeConfig('dashboard');
let ns = '';

const settings = {
  requestTimeoutMs: 10_000,
  pageSize: 500,
  idleMs: 60_000,
  accessTtlMs: 5_000,
  accessMaxEntries: 1000,
};

beforeAll(async () => {
  ns = await createNamespace(admin, 'cache');
  await Promise.all(
    Array.from({ length: 23 }, (_, i) =>
      admin.core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: `cm-${i}` }, data: { i: String(i) } },
      }),
    ),
  );
});

afterAll(async () => {
  await deleteNamespace(admin, ns);
});

describe('reflector', () => {
  it('lists in pages, then follows changes through the watch', async () => {
    // ConfigMaps are not in the dashboard role, so admin reads them here.
    const r = new Reflector({
      kc: admin.kc,
      listPath: `/api/v1/namespaces/${ns}/configmaps`,
      pageSize: 5,
      requestTimeoutMs: 10_000,
    });
    r.start();
    try {
      expect(await r.ready(15_000)).toBe(true);
      // 23 test ConfigMaps in pages of 5
      expect(r.store.size).toBe(24); // + kube-root-ca.crt, which 1.20 puts in every namespace
      expect(r.stats.listPages).toBe(5);
      expect(r.stats.lists).toBe(1);
      await admin.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'late' } } });
      await waitFor(() => r.store.get(`${ns}/late`) !== undefined, 5_000, 'the watch to deliver the new ConfigMap', 50);
      expect(r.stats.lists).toBe(1);
    } finally {
      await r.stop();
    }
  });

  it('relists once when its resourceVersion has expired (410 Gone)', async () => {
    // ConfigMaps are not in the dashboard role, so admin reads them here.
    const r = new Reflector({
      kc: admin.kc,
      listPath: `/api/v1/namespaces/${ns}/configmaps`,
      requestTimeoutMs: 10_000,
    });
    r.start();
    try {
      expect(await r.ready(15_000)).toBe(true);
      await r.stop();
      r.resourceVersion = '1'; // long compacted away: the watch answers 410
      r.start();
      await waitFor(() => r.stats.relists >= 1 && r.state === 'ready', 15_000, 'a relist after 410', 50);
      expect(r.stats.relists).toBe(1);
      expect(r.stats.lists).toBe(2);
      expect(r.store.size).toBeGreaterThanOrEqual(23);
    } finally {
      await r.stop();
    }
  });
});

describe('per-user access through the shared cache', () => {
  const cache = new ClusterCache('local', dashboard, settings, () => undefined);
  afterAll(() => cache.stop());
  const query = listQuerySchema.parse({ limit: 1000 });

  it('bob receives pods of his team namespaces only; alice receives all', async () => {
    const bob = await listForUser(cache, { user: 'bob', groups: ['wheelhouse:developers'] }, podsKind, query);
    const alice = await listForUser(cache, { user: 'alice', groups: ['wheelhouse:operators'] }, podsKind, query);
    const bobNamespaces = new Set(bob.items.map((p) => p.namespace));
    expect(bob.items.length).toBeGreaterThan(0);
    expect([...bobNamespaces].sort()).toEqual(['shop-backend', 'shop-frontend']);
    expect(alice.items.some((p) => p.namespace === 'data-platform')).toBe(true);
    expect(alice.total).toBeGreaterThan(bob.total);
    const onlyData = await listForUser(cache, { user: 'bob', groups: ['wheelhouse:developers'] }, podsKind, {
      ...query,
      namespaces: ['data-platform'],
    });
    expect(onlyData.items).toEqual([]);
  });

  it('a user allowed only through their second group is allowed (one Impersonate-Group line per group)', async () => {
    const carol = { user: 'carol', groups: ['wheelhouse:nobody', 'wheelhouse:developers'] };
    const page = await listForUser(cache, carol, podsKind, { ...query, namespaces: ['shop-frontend'] });
    expect(page.items.length).toBeGreaterThan(0);
    // and the impersonated request itself, made by the dashboard identity, is allowed by the API server
    const list = await kubeJson<{ items: unknown[] }>(dashboard, {
      path: '/api/v1/namespaces/shop-frontend/pods',
      impersonate: carol,
      timeoutMs: 10_000,
    });
    expect(list.items.length).toBe(page.items.length);
    const alone = await listForUser(cache, { user: 'carol', groups: ['wheelhouse:nobody'] }, podsKind, {
      ...query,
      namespaces: ['shop-frontend'],
    });
    expect(alone.items).toEqual([]);
  });

  it("picks each kind's version by its resources: 1.20 serves batch/v1 Jobs but CronJobs only at v1beta1", async () => {
    expect(await cache.versionFor(jobsKind)).toBe('v1');
    expect(await cache.versionFor(cronJobsKind)).toBe('v1beta1');
    const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
    const cronJobs = await listForUser(cache, alice, cronJobsKind, { ...query, namespaces: ['data-platform'] });
    expect(cronJobs.items.map((c) => c.name)).toContain('nightly-report');
  });

  it('holds no TLS Secrets by default; read as the person they keep no key, no PEM, only leaf metadata', async () => {
    // The dashboard identity may not read Secrets (ADR 0013): the shared cache refuses the kind.
    await expect(cache.reflector(tlsSecretsKind)).rejects.toMatchObject({ status: 400 });
    const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
    const all = (await tlsSecretsForUser(cache, alice)).objects;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(all);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('tls.key');
    expect(text).not.toContain('BEGIN CERTIFICATE');
    expect(all.every((o) => !('data' in o))).toBe(true);
    const storefront = (await tlsSecretsForUser(cache, alice, ['shop-frontend'])).objects;
    const leaf = (storefront.find((s) => s.metadata.name === 'storefront-tls') as { certificate?: CertificateInfo })
      ?.certificate;
    expect(leaf?.dnsNames).toContain('shop.example.test');
    // the leaf's expiry (~60 days), not the root CA's (~10 years)
    const days = (Date.parse(leaf?.notAfter ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(30);
    expect(days).toBeLessThan(120);
  });
});
