import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';

import { ActivityFilters } from '@/components/activity/activity-filters';
import { ActivityView } from '@/components/activity/activity-view';
import { ErrorPanel } from '@/components/ui/error-panel';
import { activityOptions } from '@/lib/query/audit';
import { routes } from '@/lib/routes';
import { isAuditor } from '@/server/audit/access';
import { activityFor, activityParams } from '@/server/audit/activity';
import { parseActivityQuery, type ActivityQuery } from '@/server/audit/query';
import { requireIdentity } from '@/server/auth/identity';
import { cacheFor } from '@/server/k8s/registry';
import { logger } from '@/server/observability/log';
import { serverQueryClient } from '@/server/query/prefetch';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Activity' };

interface ActivityPageProps {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// The audit log the person may read: prefetched here as the person (the server function, not HTTP)
// under the client's own query options, then kept current by polling the newest page (ADR 0018).
export default async function ActivityPage({ params, searchParams }: ActivityPageProps) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const identity = await requireIdentity(routes.activity(cluster));
  const cache = cacheFor(cluster);
  if (!cache) notFound();
  const parsed = parseActivityQuery(await searchParams);
  const query: ActivityQuery = parsed.success ? parsed.data : { limit: 50 };
  const queryParams = activityParams(query);
  const { before: _before, ...filters } = queryParams;

  const queryClient = serverQueryClient();
  const options = activityOptions(cache.name, queryParams);
  if (parsed.success) {
    await queryClient.prefetchQuery({ ...options, queryFn: () => activityFor(identity, cache, query) });
  }
  const state = queryClient.getQueryState(options.queryKey);
  if (state?.error) logger('audit').error({ err: state.error }, 'Activity page could not read the log');

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Activity</h1>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
            Changes attempted through Wheelhouse in cluster {cache.name}, newest first
            {isAuditor(identity) ? '.' : ': your own, and those in namespaces you can read.'}
          </p>
        </div>
        <div className="flex gap-2 text-sm">
          {(['csv', 'jsonl'] as const).map((format) => (
            <a
              key={format}
              href={`/api/audit/export?${new URLSearchParams({ cluster: cache.name, format, ...filters })}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800/60"
              data-testid={`export-${format}`}
              download
            >
              Export {format === 'csv' ? 'CSV' : 'JSON lines'}
            </a>
          ))}
        </div>
      </div>
      <ActivityFilters action={routes.activity(cache.name)} values={query} namespaces={state?.data?.namespaces ?? []} />
      {!parsed.success ? (
        <ErrorPanel title="Invalid filter" error={{ kind: 'invalid', message: z.prettifyError(parsed.error) }} />
      ) : (
        <HydrationBoundary state={dehydrate(queryClient)}>
          <ActivityView cluster={cache.name} params={queryParams} />
        </HydrationBoundary>
      )}
    </div>
  );
}
