'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';

import { LiveUpdatesProvider } from '@/components/live/use-live-updates';

// One QueryClient per browser tab (and per server render), created lazily so it is never shared
// between users during SSR. Live updates arrive over the tab's one SSE stream and land via
// setQueryData (STYLE.md rule 12), so queries do not refetch on focus or on a timer.
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <LiveUpdatesProvider>{children}</LiveUpdatesProvider>
    </QueryClientProvider>
  );
}
