import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';

import { ActivityFilters } from '@/components/activity/activity-filters';
import { ActivityTable } from '@/components/activity/activity-table';
import { ErrorPanel } from '@/components/ui/error-panel';
import { auditVisibility, isAuditor } from '@/server/audit/access';
import { decodeCursor, encodeCursor, filterOf, parseActivityQuery, type ActivityQuery } from '@/server/audit/query';
import { auditStore } from '@/server/audit/store';
import type { AuditPage } from '@/server/audit/types';
import { requireIdentity, type Identity } from '@/server/auth/identity';
import type { ClusterCache } from '@/server/k8s/cache';
import { cacheFor } from '@/server/k8s/registry';
import { logger } from '@/server/observability/log';
import { routes } from '@/lib/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Activity' };

interface ActivityPageProps {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ActivityPage({ params, searchParams }: ActivityPageProps) {
  const { cluster } = await params;
  // Who is asking comes first: an anonymous visitor learns nothing, not even which clusters exist.
  const identity = await requireIdentity(routes.activity(cluster));
  const cache = cacheFor(cluster);
  if (!cache) notFound();
  const base = routes.activity(cache.name);
  const parsed = parseActivityQuery(await searchParams);
  const query: ActivityQuery = parsed.success ? parsed.data : { limit: 50 };

  const { page, namespaces, unavailable } = parsed.success
    ? await loadActivity(identity, cache, query)
    : { page: undefined, namespaces: [], unavailable: undefined };

  const filters = filterParams(query);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Activity</h1>
          <p className="mt-1 text-sm text-slate-500">
            Changes attempted through Wheelhouse in cluster {cache.name}, newest first
            {isAuditor(identity) ? '.' : ': your own, and those in namespaces you can read.'}
          </p>
        </div>
        <div className="flex gap-2 text-sm">
          {(['csv', 'jsonl'] as const).map((format) => (
            <a
              key={format}
              href={`/api/audit/export?${new URLSearchParams({ cluster: cache.name, format, ...filters })}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50"
              data-testid={`export-${format}`}
              download
            >
              Export {format === 'csv' ? 'CSV' : 'JSON lines'}
            </a>
          ))}
        </div>
      </div>
      <ActivityFilters action={base} values={query} namespaces={namespaces} />
      {!parsed.success ? (
        <ErrorPanel title="Invalid filter" error={{ kind: 'invalid', message: z.prettifyError(parsed.error) }} />
      ) : unavailable ? (
        <ErrorPanel title="Activity is not available" error={{ kind: 'server-error', message: unavailable }} />
      ) : page ? (
        <>
          <ActivityTable entries={page.entries} />
          <nav aria-label="Pages" className="flex justify-between text-sm">
            {query.before ? (
              <a href={`${base}?${new URLSearchParams(filters)}`} className="text-sky-700 hover:underline">
                ← Newest
              </a>
            ) : (
              <span />
            )}
            {page.next ? (
              <a
                href={`${base}?${new URLSearchParams({ ...filters, before: encodeCursor(page.next) })}`}
                className="text-sky-700 hover:underline"
                data-testid="older"
              >
                Older →
              </a>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}

interface Loaded {
  page?: AuditPage;
  namespaces: string[];
  unavailable?: string;
}

/** The entries this person may read under the filters, and the namespaces offered in the filter. */
async function loadActivity(identity: Identity, cache: ClusterCache, query: ActivityQuery): Promise<Loaded> {
  try {
    const store = await auditStore();
    const visibleTo = await auditVisibility(identity, cache.name, cache, store);
    const page = await store.list(
      { ...filterOf(cache.name, query), visibleTo },
      { limit: query.limit, before: decodeCursor(query.before) },
    );
    const all = await store.namespaces(cache.name);
    const namespaces =
      visibleTo && visibleTo.namespaces !== 'all' ? all.filter((ns) => visibleTo.namespaces.includes(ns)) : all;
    return { page, namespaces };
  } catch (err) {
    logger('audit').error({ err }, 'Activity page could not read the log');
    return { namespaces: [], unavailable: 'The audit log is unavailable right now; try again in a moment.' };
  }
}

/** The active filters as search parameters (for export and paging links). */
function filterParams(q: ActivityQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['user', 'namespace', 'action', 'result', 'from', 'to'] as const) {
    const value = q[key];
    if (value) out[key] = value;
  }
  if (q.limit !== 50) out.limit = String(q.limit);
  return out;
}
