import 'server-only';

import type { CertificateHealth } from '@/lib/k8s/certificate-health';
import { challengesKind, ordersKind } from '@/lib/k8s/kinds/certificates-acme';
import { certificateRequestsKind, certificatesKind } from '@/lib/k8s/kinds/certificates';
import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { ingressesKind } from '@/lib/k8s/kinds/ingresses';
import { tlsSecretsKind, type TlsSecretSummary } from '@/lib/k8s/kinds/tls-secrets';
import { certificateRows } from '@/lib/k8s/status/certificate-status';
import type { Identity } from '@/server/auth/identity';
import type { ClusterCache } from '@/server/k8s/cache';
import { toKubeError } from '@/server/k8s/errors';
import { listQuerySchema, summaryOf } from '@/server/k8s/list-query';
import { listForUser } from '@/server/k8s/resources';
import { derivedTlsFacts, tlsSecretsForUser } from '@/server/k8s/tls-source';

// The certificates screen's data: cert-manager Certificates (when the cluster serves the CRDs) joined
// with the leaf of their TLS Secrets (reduced to leaf facts on arrival: server/k8s/tls-secrets.ts),
// unmanaged TLS Secrets, the failing issuance chain, and Ingress hosts. Everything is read as the
// person asking: each kind is filtered to the namespaces they may list, and TLS Secrets come from
// server/k8s/tls-source.ts (read as the person by default; ADR 0013) — only where they may list
// Secrets, plus, in shared mode, derived facts for Secrets their Certificates and Ingresses name.

export type { CertificateHealth };

const ALL = listQuerySchema.parse({ limit: 1000 });

async function readAll<S extends BaseSummary>(
  cache: ClusterCache,
  who: Identity,
  kind: KindDescriptor<S>,
  problems: string[],
): Promise<S[]> {
  try {
    const items: S[] = [];
    for (let offset = 0; ; offset += ALL.limit) {
      const page = await listForUser(cache, who, kind, { ...ALL, offset });
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) return items;
    }
  } catch (err) {
    problems.push(`${kind.title}: ${toKubeError(err, { cluster: cache.name }).message}`);
    return [];
  }
}

export async function certificateHealth(
  cache: ClusterCache,
  who: Identity,
  now = Date.now(),
): Promise<CertificateHealth> {
  const served = await cache.servedVersions();
  const certManager = served.has('cert-manager.io', 'v1');
  const acme = served.has('acme.cert-manager.io', 'v1');
  const problems: string[] = [];
  const [certificates, requests, orders, challenges, tls, ingresses] = await Promise.all([
    certManager ? readAll(cache, who, certificatesKind, problems) : [],
    certManager ? readAll(cache, who, certificateRequestsKind, problems) : [],
    acme ? readAll(cache, who, ordersKind, problems) : [],
    acme ? readAll(cache, who, challengesKind, problems) : [],
    tlsSecretsForUser(cache, who).catch((err: unknown) => {
      problems.push(`${tlsSecretsKind.title}: ${toKubeError(err, { cluster: cache.name }).message}`);
      return undefined;
    }),
    readAll(cache, who, ingressesKind, problems),
  ]);
  const readable = tls?.readable ?? new Set<string>();
  const secrets: TlsSecretSummary[] = (tls?.objects ?? []).map((o) => summaryOf(tlsSecretsKind, o));
  // Secrets that what the person may read names, in namespaces whose Secrets they may not read.
  const refs = [
    ...certificates.map((c) => ({ namespace: c.namespace ?? '', name: c.secretName })),
    ...ingresses.flatMap((i) => i.tlsSecrets.map((name) => ({ namespace: i.namespace ?? '', name }))),
  ];
  const derivedFacts = await derivedTlsFacts(cache, refs, readable).catch((err: unknown) => {
    problems.push(`${tlsSecretsKind.title}: ${toKubeError(err, { cluster: cache.name }).message}`);
    return [];
  });
  secrets.push(...derivedFacts);
  const derived = new Set(secrets.map((s) => s.namespace));
  const secretsHidden = (ns: string) => readable !== 'all' && !readable.has(ns) && !derived.has(ns);
  const inputs = { certificates, requests, orders, challenges, secrets, ingresses, secretsHidden };
  const rows = certificateRows(inputs, now);
  return { certManager, acme, rows, problems, fetchedAt: new Date(now).toISOString() };
}
