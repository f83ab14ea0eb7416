'use client';

import { HpaTable } from '@/components/autoscaling/hpa-table';
import { CacheStateBadge } from '@/components/live/cache-state-badge';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { useResourceList } from '@/components/resource/use-resource-list';
import { useNow } from '@/components/resource/use-now';
import { ErrorPanel } from '@/components/ui/error-panel';
import { errorSummaryOf } from '@/lib/query/fetch';
import { HPA_LIST_PARAMS } from '@/lib/query/pages';

// The autoscaling screen's table, live: prefetched on the server (the page hydrates it), then patched
// by the tab's stream as autoscalers change — a new maximum, a scale-up — without a reload.

export function HpaListView({ cluster }: { cluster: string }) {
  useLiveUpdates([`${cluster}:horizontalpodautoscalers`]);
  const list = useResourceList(cluster, 'horizontalpodautoscalers', HPA_LIST_PARAMS);
  const now = useNow([list.data?.cache?.syncedAt]);
  if (list.error && !list.data) {
    return <ErrorPanel title="HorizontalPodAutoscalers could not be read" error={errorSummaryOf(list.error)} />;
  }
  if (!list.data) return <p className="text-sm text-slate-500 dark:text-slate-400">Loading autoscalers…</p>;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex justify-end">
        <CacheStateBadge cache={list.data.cache} now={now} />
      </div>
      {list.data.items.length ? (
        <HpaTable cluster={cluster} items={list.data.items} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">
          No HorizontalPodAutoscalers in the namespaces you may read.
        </p>
      )}
    </div>
  );
}
