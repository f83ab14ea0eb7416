'use client';

import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';

import type { SummaryOf } from '@/lib/k8s/kinds';
import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import type { ListParams } from '@/lib/query/keys';
import type { ResourceListResponse } from '@/lib/k8s/list-response';
import { resourceListOptions } from '@/lib/query/options';
import { PAGE_SIZE, windowPageParams } from '@/lib/query/pages';

// The generic hooks over the list API (STYLE.md rule 11): one for a single page, one for a window of
// pages under a virtualized table. Live changes reach every cached page through useLiveUpdates.

export function useResourceList<K extends string, S extends BaseSummary = SummaryOf<K>>(
  cluster: string,
  kind: K,
  params: ListParams,
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    ...resourceListOptions<K, S>(cluster, kind, params),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** How long a page of the windowed table stays cached once no row of it is on screen. */
const WINDOW_PAGE_GC_MS = 20_000;

/**
 * Rows [start, end) of a large list, fetched as fixed pages of PAGE_SIZE (offset = k × PAGE_SIZE) so
 * that scrolling re-uses cached pages and each page is an ordinary list query the stream can patch.
 * See docs/adr (virtualized resource table).
 */
export function useWindowedList<K extends string, S extends BaseSummary = SummaryOf<K>>(
  cluster: string,
  kind: K,
  params: Omit<ListParams, 'limit' | 'offset'>,
  range: { start: number; end: number },
) {
  const first = Math.floor(Math.max(0, range.start) / PAGE_SIZE);
  const last = Math.max(first, Math.floor(Math.max(0, range.end - 1) / PAGE_SIZE));
  const pages = [0];
  for (let p = Math.max(1, first); p <= last; p++) pages.push(p);
  const results = useQueries({
    queries: pages.map((p) => ({
      ...resourceListOptions<K, S>(cluster, kind, windowPageParams(params, p)),
      placeholderData: p === 0 ? keepPreviousData : undefined,
      // A page scrolled past is dropped soon after: scrolling 100,000 pods touches 500 pages (about
      // 100 kB of summaries each), and kept for react-query's default 5 minutes they all stay in the
      // heap every garbage collection walks, and in every list each live change is applied to.
      ...(p === 0 ? {} : { gcTime: WINDOW_PAGE_GC_MS }),
    })),
  });
  const head = results[0];
  const byPage = new Map<number, ResourceListResponse<S>>();
  results.forEach((r, i) => {
    const page = pages[i];
    if (r.data && page !== undefined) byPage.set(page, r.data);
  });
  return {
    total: head?.data?.total ?? 0,
    cache: head?.data?.cache,
    /** The person may not list this (cluster-scoped) kind at all. */
    denied: head?.data?.denied === true,
    error: results.find((r) => r.error)?.error ?? null,
    isLoading: head?.isLoading ?? true,
    /** When the first page was read (on the server, for a page that prefetched it). */
    updatedAt: head?.dataUpdatedAt,
    /** The row at an index, when its page has arrived. */
    row(index: number): S | undefined {
      return byPage.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE];
    },
  };
}
