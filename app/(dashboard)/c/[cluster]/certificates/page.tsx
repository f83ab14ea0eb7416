import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { CertificatesView } from '@/components/certificates/certificates-view';
import { certificateHealthOptions } from '@/lib/query/certificates';
import { routes } from '@/lib/routes';
import { requireIdentity } from '@/server/auth/identity';
import { certificateHealth } from '@/server/k8s/certificate-health';
import { resolveCluster } from '@/server/k8s/cluster';
import { cacheFor } from '@/server/k8s/registry';
import { serverQueryClient } from '@/server/query/prefetch';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Certificates' };

// Certificates the signed-in person may see: prefetched here as the person (the server function,
// not HTTP) under the client's own query options, then live from the stream (ADR 0018).
export default async function CertificatesPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const who = await requireIdentity(routes.section(cluster, 'certificates'));
  const ref = resolveCluster(cluster);
  if (!ref) notFound();
  const cache = cacheFor(ref.name);
  if (!cache) notFound();
  const queryClient = serverQueryClient();
  // A failure is not cached: the client asks again and shows the error in words.
  await queryClient.prefetchQuery({
    ...certificateHealthOptions(ref.name),
    queryFn: () => certificateHealth(cache, who),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CertificatesView cluster={ref.name} />
    </HydrationBoundary>
  );
}
