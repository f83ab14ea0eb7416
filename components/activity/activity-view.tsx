'use client';

import { useQuery } from '@tanstack/react-query';

import { ActivityTable } from '@/components/activity/activity-table';
import { ErrorPanel } from '@/components/ui/error-panel';
import { activityOptions, type ActivityParams } from '@/lib/query/audit';
import { errorSummaryOf } from '@/lib/query/fetch';
import { routes } from '@/lib/routes';

// The Activity log's entries, live: the page hydrates the server's first answer; the newest page then
// polls the audit API (lib/query/audit.ts says why polling), so an action taken anywhere appears
// without a reload.

export function ActivityView({ cluster, params }: { cluster: string; params: ActivityParams }) {
  const query = useQuery(activityOptions(cluster, params));
  const { before, ...filters } = params;
  if (!query.data) {
    return query.error ? (
      <ErrorPanel title="Activity is not available" error={errorSummaryOf(query.error)} />
    ) : (
      <p className="text-sm text-slate-500 dark:text-slate-400">Loading activity…</p>
    );
  }
  const { entries, next } = query.data;
  return (
    <>
      {query.error ? (
        <p role="alert" className="text-sm text-amber-800 dark:text-amber-200">
          Showing the last answer: {errorSummaryOf(query.error).message}
        </p>
      ) : null}
      <ActivityTable entries={entries} />
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {before ? (
          <a href={routes.activity(cluster, filters)} className="text-sky-700 hover:underline dark:text-sky-400">
            ← Newest
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a
            href={routes.activity(cluster, { ...filters, before: next })}
            className="text-sky-700 hover:underline dark:text-sky-400"
            data-testid="older"
          >
            Older →
          </a>
        ) : null}
      </nav>
    </>
  );
}
