import { redirect } from 'next/navigation';

import { requireIdentity } from '@/server/auth/identity';
import { configuredClusterNames } from '@/server/k8s/cluster';
import { routes } from '@/lib/routes';

// The first configured cluster is the default; read at request time, not at build time.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireIdentity();
  redirect(routes.overview(configuredClusterNames()[0] ?? 'local'));
}
