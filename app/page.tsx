import { redirect } from 'next/navigation';

import { requireIdentity } from '@/server/auth/identity';
import { configuredClusterNames } from '@/server/k8s/cluster';

// The first configured cluster is the default; read at request time, not at build time.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireIdentity();
  redirect(`/c/${encodeURIComponent(configuredClusterNames()[0] ?? 'local')}/overview`);
}
