import { redirect } from 'next/navigation';

import { requireIdentity } from '@/server/auth/identity';

export default async function ClusterIndexPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  await requireIdentity();
  redirect(`/c/${encodeURIComponent(cluster)}/overview`);
}
