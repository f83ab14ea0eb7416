'use client';

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useRouter } from 'next/navigation';
import { memo, useLayoutEffect, useRef, useState, type CSSProperties, type MouseEvent } from 'react';

import { kindById } from '@/lib/k8s/kinds';
import type { BaseSummary, Column, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { ListParams } from '@/lib/query/keys';
import { CacheStateBadge } from '@/components/live/cache-state-badge';
import { ResourceCell } from '@/components/resource/resource-cell';
import { useWindowedList } from '@/components/resource/use-resource-list';
import { useNow } from '@/components/resource/use-now';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useHydrated } from '@/components/ui/use-hydrated';

// The generic list table: columns from the kind's descriptor, rows virtualized against the window
// scroll (the document scrolls, see the cluster layout; the wrapper clips instead of scrolling so the
// header can stick to the window), data fetched page by page as rows come into
// view (docs/adr/0007-virtualized-resource-table.md). Only ~30 rows are in the DOM at any time.

const ROW_HEIGHT = 40;
/**
 * The window the server renders for, where there is none: a screenful of rows under the page's header
 * on a 1080p screen (20 rows). The server and the hydrating render draw exactly these rows, without
 * overscan: every row in the HTML is one the browser parses, styles and lays out before it can paint
 * the first (issue 14's first rows). Once mounted, the virtualizer measures the real window and adds
 * OVERSCAN rows on each side.
 */
const INITIAL_RECT = { width: 1280, height: 800 };
const OVERSCAN = 10;

export interface ResourceTableProps {
  cluster: string;
  kind: string;
  params: Omit<ListParams, 'limit' | 'offset'>;
  onSort?: (sort: string) => void;
  hrefFor?: (row: BaseSummary) => string | undefined;
  /** Hide the namespace column (e.g. a list already scoped to one namespace). */
  hideNamespace?: boolean;
  emptyText?: string;
  /** The kind's descriptor when it is not a built-in one (custom resources from discovery). */
  descriptor?: KindDescriptor;
}

function width(c: Column<BaseSummary>): string {
  if (c.cell === 'images') return 'minmax(10rem, 1.4fr)';
  if (c.id === 'message') return 'minmax(16rem, 3fr)';
  // RESTARTS says when the last one was, as kubectl does: "281 (2m49s ago)" must not run into IP.
  if (c.id === 'restarts') return 'minmax(9rem, 0.8fr)';
  if (c.cell === 'number' || c.cell === 'age') return 'minmax(6.5rem, 0.6fr)';
  // Room for kubectl's longer pod words ("Init:CrashLoopBackOff", "Init:ImagePullBackOff") in full.
  if (c.cell === 'badge') return 'minmax(11.5rem, 0.8fr)';
  return 'minmax(7rem, 1fr)';
}

export function ResourceTable({
  cluster,
  kind,
  params,
  onSort,
  hrefFor,
  hideNamespace,
  emptyText,
  descriptor: given,
}: ResourceTableProps) {
  const descriptor = given ?? kindById(kind);
  const columns = (descriptor?.columns ?? []) as readonly Column<BaseSummary>[];
  const listRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  const [range, setRange] = useState({ start: 0, end: 60 });
  const router = useRouter();
  const list = useWindowedList(cluster, kind, params, range);
  // Redraw when the youngest AGE on screen (or the cache's "last synced") next changes its text.
  const shownTimes: (string | undefined)[] = [list.cache?.syncedAt];
  for (let i = range.start; i < Math.min(range.end, list.total); i++) shownTimes.push(list.row(i)?.createdAt);
  const now = useNow(shownTimes);
  const overscan = useHydrated() ? OVERSCAN : 0;
  const virtualizer = useWindowVirtualizer({
    count: list.total,
    estimateSize: () => ROW_HEIGHT,
    overscan,
    scrollMargin: margin,
    // The first page is rendered on the server (ADR 0018), where there is no window: a screenful of
    // rows in the HTML. The client's first (hydrating) render uses the same size, then measures.
    initialRect: INITIAL_RECT,
    // Render the rows that scrolled into view in React's own task, not synchronously inside the
    // scroll event: a fast scroll's frame is then two short tasks, not one long one (ADR 0007).
    useFlushSync: false,
    onChange: (v) => {
      const items = v.getVirtualItems();
      const start = items[0]?.index ?? 0;
      const end = (items.at(-1)?.index ?? 0) + 1;
      setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
    },
  });
  useLayoutEffect(() => setMargin(listRef.current?.offsetTop ?? 0), []);

  const showNs = descriptor?.namespaced && !hideNamespace;
  const template = [showNs ? 'minmax(8rem, 0.9fr)' : '', 'minmax(12rem, 1.6fr)', ...columns.map(width)].join(' ');
  const sortKey = params.sort ?? descriptor?.defaultSort;
  const header = (title: string, sort: string | undefined) => {
    const active = sort !== undefined && sort === sortKey;
    const arrow = active ? (params.order === 'desc' ? ' ↓' : ' ↑') : '';
    return (
      <div
        role="columnheader"
        key={title}
        className="truncate px-3 py-2"
        aria-sort={active ? (params.order === 'desc' ? 'descending' : 'ascending') : undefined}
      >
        {sort && onSort ? (
          <button
            type="button"
            className="uppercase hover:text-slate-900 dark:hover:text-slate-100"
            onClick={() => onSort(sort)}
          >
            {title}
            {arrow}
          </button>
        ) : (
          title
        )}
      </div>
    );
  };

  if (!descriptor) return <p className="text-sm text-red-700 dark:text-red-300">Unknown kind {kind}</p>;
  if (list.error) {
    return (
      <ErrorPanel title={`Cannot list ${descriptor.title}`} error={{ kind: 'unknown', message: list.error.message }} />
    );
  }
  return (
    <>
      {list.cache && list.cache.state !== 'ready' ? (
        <div className="flex justify-end">
          <CacheStateBadge cache={list.cache} now={now} />
        </div>
      ) : null}
      <div
        role="table"
        aria-label={descriptor.title}
        aria-rowcount={list.total}
        className="overflow-x-clip rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 text-sm shadow-sm"
        data-testid="resource-table"
        // The columns' widths once for the table, not in each row's style attribute (the HTML's rows).
        style={{ '--row-columns': template } as CSSProperties}
      >
        <div
          role="rowgroup"
          className="sticky top-14 z-[5] border-b border-slate-200 dark:border-slate-800 bg-slate-50 dark:bg-slate-800/40 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400"
        >
          <div role="row" className="grid [grid-template-columns:var(--row-columns)]">
            {showNs ? header('Namespace', undefined) : null}
            {header('Name', 'name')}
            {columns.map((c) => header(c.title, c.sort && descriptor.sorts[c.sort] ? c.sort : undefined))}
          </div>
        </div>
        <div
          role="rowgroup"
          ref={listRef}
          onClick={(e) => followRowLink(e, router.push)}
          // Layout and paint of the rows stay inside this box: a frame's new rows never relayout the page.
          style={{ height: virtualizer.getTotalSize(), position: 'relative', contain: 'strict' }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = list.row(item.index);
            return (
              <ResourceRow
                key={row?.uid ?? `pending-${item.index}`}
                index={item.index}
                top={item.start - margin}
                row={row}
                href={row ? hrefFor?.(row) : undefined}
                columns={columns}
                showNs={showNs === true}
                now={now}
              />
            );
          })}
        </div>
        {!list.isLoading && list.total === 0 ? (
          <p
            className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400"
            data-testid="resource-table-empty"
            data-denied={list.denied || undefined}
          >
            {list.denied
              ? `You may not list ${descriptor.title}: none of your roles grants list on ${descriptor.plural} cluster-wide.`
              : (emptyText ?? `No ${descriptor.title} match.`)}
          </p>
        ) : null}
        {list.isLoading ? (
          <p className="px-4 py-6 text-sm text-slate-400 dark:text-slate-500">Loading {descriptor.title}…</p>
        ) : null}
      </div>
    </>
  );
}

/**
 * Client-side navigation for the rows' links, one handler for the whole table instead of a
 * next/link per row (each is a component with its own hooks, mounted ~17 times a frame while
 * scrolling fast). The links stay real anchors: middle-click, ctrl/cmd-click and "open in new tab"
 * work as anchors do; a plain click (or Enter) navigates in-app, as next/link would.
 */
function followRowLink(e: MouseEvent<HTMLElement>, push: (href: string) => void): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const link = (e.target as Element).closest('a[data-row-link]');
  const href = link?.getAttribute('href');
  if (!href?.startsWith('/')) return;
  e.preventDefault();
  push(href);
}

interface ResourceRowProps {
  index: number;
  /** Offset from the top of the row group, px. */
  top: number;
  row: BaseSummary | undefined;
  href: string | undefined;
  columns: readonly Column<BaseSummary>[];
  showNs: boolean;
  now: string;
}

/**
 * One row. Memoized: while the list scrolls, or when another page of rows arrives, rows already on
 * screen keep their props (same summary object, same offset) and are not rendered again — only the
 * rows coming into view are. That keeps each frame's work to a handful of rows (no long tasks while
 * scrolling 10,000 rows; docs/benchmarks.md).
 */
const ResourceRow = memo(function ResourceRow({ index, top, row, href, columns, showNs, now }: ResourceRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="absolute inset-x-0 grid items-center border-b border-slate-100 dark:border-slate-800 hover:bg-slate-50 dark:hover:bg-slate-800/60 [grid-template-columns:var(--row-columns)]"
      style={{
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
        contain: 'strict',
      }}
    >
      {row ? (
        <>
          {showNs ? (
            <div role="cell" className="truncate px-3 text-slate-600 dark:text-slate-400">
              {row.namespace}
            </div>
          ) : null}
          <div role="cell" className="truncate px-3 font-medium text-slate-900 dark:text-slate-100">
            {href ? (
              <a href={href} data-row-link className="hover:text-sky-700 dark:hover:text-sky-300 hover:underline">
                {row.name}
              </a>
            ) : (
              row.name
            )}
          </div>
          {columns.map((c) => (
            <div role="cell" key={c.id} className="flex min-w-0 px-3">
              <ResourceCell column={c} row={row} now={now} />
            </div>
          ))}
        </>
      ) : (
        <div role="cell" className="col-span-full mx-3 h-3 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
      )}
    </div>
  );
});
