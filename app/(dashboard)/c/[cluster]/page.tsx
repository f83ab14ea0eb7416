import { redirect } from 'next/navigation';

import { requireIdentity } from '@/server/auth/identity';
import { routes } from '@/lib/routes';

export default async function ClusterIndexPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  await requireIdentity();
  redirect(routes.overview(cluster));
}
