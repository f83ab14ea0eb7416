import { afterAll, describe, expect, it } from 'vitest';

import { tlsSecretsKind } from '@/lib/k8s/kinds/tls-secrets';
import { clients, kubeConfig, statusOfCall } from '@/local-cluster/test/kube';
import { ClusterCache } from '@/server/k8s/cache';
import { certificateHealth } from '@/server/k8s/certificate-health';
import { listQuerySchema } from '@/server/k8s/list-query';
import { getForUser } from '@/server/k8s/objects';
import { listForUser } from '@/server/k8s/resources';

// Issue 11, item 7, in the opt-in shared mode (WHEELHOUSE_TLS_SECRETS=shared, ADR 0013): the shared
// cache holds every TLS Secret, read by an identity that may list Secrets (here the admin context
// stands in for a dashboard bound to wheelhouse:dashboard-tls-secrets). bob may read Ingresses and
// Certificates in shop-frontend but not Secrets (`kubectl --context bob get secret -n shop-frontend`
// is Forbidden): he must receive none of a TLS Secret's metadata — labels, annotations, uid — through
// any read of the shared cache, only certificate facts derived for the Certificates he may read.

const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const query = listQuerySchema.parse({ limit: 1000, namespaces: ['shop-frontend'] });

const cache = new ClusterCache(
  'local',
  kubeConfig('admin'),
  {
    requestTimeoutMs: 10_000,
    pageSize: 500,
    idleMs: 60_000,
    accessTtlMs: 5_000,
    accessMaxEntries: 1000,
    tlsSecrets: 'shared',
  },
  () => undefined,
);

// What the seeded storefront-tls Secret carries and its Certificate does not say.
const SECRET_METADATA = /controller\.cert-manager\.io\/fao|wheelhouse\.dev\/seed-spec|cert-manager\.io\/issuer-name/;

afterAll(async () => {
  await cache.stop();
});

describe('shared mode: no TLS Secret metadata past RBAC', () => {
  it('bob really may not list Secrets in shop-frontend', async () => {
    const status = await statusOfCall(() => clients('bob').core.listNamespacedSecret({ namespace: 'shop-frontend' }));
    expect(status).toBe(403);
  });

  it('bob lists no TLS Secret and may not get one, though he may read Ingresses and Certificates there', async () => {
    const list = await listForUser(cache, bob, tlsSecretsKind, query);
    expect(list.items).toEqual([]);
    expect(JSON.stringify(list)).not.toMatch(SECRET_METADATA);
    await expect(getForUser(cache, bob, tlsSecretsKind, 'shop-frontend', 'storefront-tls')).rejects.toMatchObject({
      status: 403,
    });
  });

  it("bob's certificates show the leaf facts derived for his Certificates, and none of the Secret's metadata", async () => {
    const health = await certificateHealth(cache, bob);
    const storefront = health.rows.find((r) => r.key === 'shop-frontend/storefront-tls');
    expect(storefront?.leaf?.dnsNames).toEqual(['shop.example.test', 'www.shop.example.test']);
    expect(JSON.stringify(health)).not.toMatch(SECRET_METADATA);
    const secretUid = (
      await clients('admin').core.readNamespacedSecret({ namespace: 'shop-frontend', name: 'storefront-tls' })
    ).metadata?.uid;
    expect(JSON.stringify(health)).not.toContain(secretUid);
  });

  it('alice, who may list Secrets, receives TLS Secrets with their metadata (and never their data)', async () => {
    const list = await listForUser(cache, alice, tlsSecretsKind, query);
    const storefront = list.items.find((s) => s.name === 'storefront-tls');
    expect(storefront?.labels).toMatchObject({ 'controller.cert-manager.io/fao': 'true' });
    expect(JSON.stringify(list)).not.toMatch(/BEGIN|PRIVATE KEY|tls\.key/);
  });
});
