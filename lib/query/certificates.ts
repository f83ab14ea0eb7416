import { queryOptions } from '@tanstack/react-query';

import type { CertificateHealth } from '@/lib/k8s/certificate-health';
import { derivedFrom } from '@/lib/query/derived';
import { apiFetch } from '@/lib/query/fetch';
import { k8sKeys } from '@/lib/query/keys';

// The certificates screen: a join the server computes (cert-manager's kinds, TLS Secrets' leaves,
// Ingress hosts). The stream cannot patch a join row by row, so the query names the kinds it is built
// from and is refetched when any of them changes (lib/query/derived.ts, ADR 0018). TLS Secrets have no
// person-mode feed (ADR 0013); a renewal also changes the Certificate, which refetches the screen.

/** The kinds the screen joins that the live stream carries. */
export function certificateLiveKinds(health: Pick<CertificateHealth, 'certManager' | 'acme'> | undefined): string[] {
  return [
    'ingresses',
    ...(health?.certManager ? ['certificates', 'certificaterequests'] : []),
    ...(health?.acme ? ['orders', 'challenges'] : []),
  ];
}

export function certificateHealthOptions(cluster: string) {
  return queryOptions({
    queryKey: k8sKeys.certificateHealth(cluster),
    queryFn: ({ signal }) =>
      apiFetch<CertificateHealth>(`/api/k8s/${encodeURIComponent(cluster)}/certificate-health`, { signal }),
    meta: derivedFrom(cluster, certificateLiveKinds({ certManager: true, acme: true })),
  });
}
