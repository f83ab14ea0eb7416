import { redirect } from 'next/navigation';

import { serverEnv } from '@/server/env';

// The cluster name comes from the server's environment at request time, not at build time.
export const dynamic = 'force-dynamic';

export default function HomePage() {
  redirect(`/c/${encodeURIComponent(serverEnv().clusterName)}/overview`);
}
