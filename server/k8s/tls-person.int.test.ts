import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CertificateInfo } from '@/lib/k8s/kinds/tls-secrets';
import { tlsSecretsKind } from '@/lib/k8s/kinds/tls-secrets';
import { clients, createNamespace, deleteNamespace, kubeConfig, statusOfCall } from '@/local-cluster/test/kube';
import { ClusterCache } from '@/server/k8s/cache';
import { PERSON_TLS_DEFAULTS, PersonTlsSecrets } from '@/server/k8s/tls-person';
import { certificateHealth } from '@/server/k8s/certificate-health';
import { personTlsReader, tlsSecretsForUser } from '@/server/k8s/tls-source';

// The default mode (WHEELHOUSE_TLS_SECRETS=person, ADR 0013) against the real local cluster: the
// dashboard's own identity may not read Secrets at all; TLS Secrets are listed as the signed-in
// person, reduced to leaf facts at once and cached briefly per person; a hostile tls.crt is reported,
// not parsed.

const admin = clients('admin');
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const bob = { user: 'bob', groups: ['wheelhouse:developers'] };
const cache = new ClusterCache(
  'local',
  kubeConfig('dashboard'),
  { requestTimeoutMs: 10_000, pageSize: 500, idleMs: 60_000, accessTtlMs: 5_000, accessMaxEntries: 1000 },
  () => undefined,
);
let ns = '';

beforeAll(async () => {
  ns = await createNamespace(admin, 'h3a-tls');
  // ~700 KB of repeated BEGIN lines: the input that took the old regex tens of seconds.
  const hostile = '-----BEGIN CERTIFICATE-----\n'.repeat(25_000);
  await admin.core.createNamespacedSecret({
    namespace: ns,
    body: {
      metadata: { name: 'hostile-tls' },
      type: 'kubernetes.io/tls',
      stringData: { 'tls.crt': hostile, 'tls.key': 'not a key' },
    },
  });
});

afterAll(async () => {
  await cache.stop();
  if (ns) await deleteNamespace(admin, ns);
});

const factsOf = (o: unknown) => (o as { certificate?: CertificateInfo | { error: string } }).certificate;

describe('TLS Secrets read as the person (default)', () => {
  it('the dashboard identity may not list Secrets, and its shared cache refuses to hold them', async () => {
    const dashboard = clients('dashboard');
    expect(await statusOfCall(() => dashboard.core.listSecretForAllNamespaces())).toBe(403);
    expect(await statusOfCall(() => dashboard.core.listNamespacedSecret({ namespace: 'shop-frontend' }))).toBe(403);
    await expect(cache.reflector(tlsSecretsKind)).rejects.toMatchObject({ status: 400 });
  });

  it('alice reads them as herself: leaf facts, no key, no PEM, no data; one list per 30 s', async () => {
    const reader = personTlsReader(cache);
    reader.clear();
    const before = reader.lists;
    const [first, second] = await Promise.all([
      tlsSecretsForUser(cache, alice, ['shop-frontend']),
      tlsSecretsForUser(cache, alice, ['shop-frontend']),
    ]);
    const again = await tlsSecretsForUser(cache, alice, ['shop-frontend']);
    expect(reader.lists - before).toBe(1); // single flight, then cached
    expect(second.objects).toEqual(first.objects);
    expect(again.objects).toEqual(first.objects);
    const storefront = first.objects.find((o) => o.metadata.name === 'storefront-tls');
    expect(factsOf(storefront)).toMatchObject({ dnsNames: ['shop.example.test', 'www.shop.example.test'] });
    const text = JSON.stringify(first);
    expect(text).not.toMatch(/BEGIN|PRIVATE KEY|tls\.key|"data"|last-applied/);
  });

  it('keeps at most maxEntries lists (least recently used goes first) and does not cache failures', async () => {
    const reader = new PersonTlsSecrets(kubeConfig('dashboard'), { ...PERSON_TLS_DEFAULTS, maxEntries: 2 });
    await reader.list(alice, 'shop-frontend');
    await reader.list(alice, 'shop-backend');
    await reader.list(alice, 'shop-frontend'); // cached; now the most recently used
    await reader.list(alice, 'observability'); // evicts shop-backend
    expect(reader.lists).toBe(3);
    await reader.list(alice, 'shop-frontend');
    expect(reader.lists).toBe(3);
    await reader.list(alice, 'shop-backend');
    expect(reader.lists).toBe(4);
    // bob may not list Secrets: the API server's 403 comes back, every time (never cached).
    await expect(reader.list(bob, 'shop-frontend')).rejects.toMatchObject({ statusCode: 403 });
    await expect(reader.list(bob, 'shop-frontend')).rejects.toMatchObject({ statusCode: 403 });
    expect(reader.lists).toBe(6);
  });

  it('a hostile tls.crt is reported as too large to inspect; the rest of the list still works', async () => {
    const view = await tlsSecretsForUser(cache, alice, [ns]);
    const hostile = view.objects.find((o) => o.metadata.name === 'hostile-tls');
    expect(factsOf(hostile)).toEqual({ error: 'certificate too large to inspect (tls.crt is over 64 KiB)' });
    const health = await certificateHealth(cache, alice);
    expect(health.rows.find((r) => r.key === `${ns}/hostile-tls`)?.secretError).toContain('too large to inspect');
    expect(health.rows.find((r) => r.key === 'shop-frontend/storefront-tls')?.state).toBe('ok');
  });

  it('bob gets no TLS Secret at all; his Certificates say what they know, and that the Secret is not his to read', async () => {
    const view = await tlsSecretsForUser(cache, bob);
    expect(view.objects).toEqual([]);
    expect(view.readable).toEqual(new Set());
    const health = await certificateHealth(cache, bob);
    expect(health.problems).toEqual([]);
    const storefront = health.rows.find((r) => r.key === 'shop-frontend/storefront-tls');
    expect(storefront?.leaf).toBeUndefined();
    expect(storefront?.secretError).toBe(
      "You may not read Secrets in shop-frontend: expiry from cert-manager's status",
    );
    expect(storefront?.state).toBe('ok');
    expect(storefront?.statusNotAfter).toBeDefined();
    expect(JSON.stringify(health)).not.toMatch(/controller\.cert-manager\.io\/fao|wheelhouse\.dev\/seed-spec/);
    // Still failing where cert-manager says issuance fails.
    expect(health.rows.find((r) => r.key === 'shop-backend/payments-tls')?.state).toBe('failing');
  });
});
