import { formatAge } from '@/lib/format/age';
import type { ResourceListResponse } from '@/lib/k8s/list-response';

// Marks a list whose shared watch is not current: "stale" keeps showing the last-known objects
// (the API server is unreachable or the watch keeps failing); "syncing" has not listed yet.
// Lists render it next to their title: <CacheStateBadge cache={data.cache} now={…} />.

export function CacheStateBadge({ cache, now }: { cache: ResourceListResponse['cache']; now: string | Date }) {
  if (cache.state === 'ready') return null;
  const since = cache.syncedAt ? ` · last synced ${formatAge(cache.syncedAt, now)} ago` : '';
  const label = cache.state === 'stale' ? `Out of date${since}` : cache.state === 'syncing' ? 'Loading…' : 'Paused';
  return (
    <span
      role="status"
      title={cache.error}
      data-testid="list-cache-state"
      data-state={cache.state}
      className="rounded bg-amber-100 dark:bg-amber-900/40 px-1.5 py-0.5 text-xs text-amber-800 dark:text-amber-200"
    >
      {label}
    </span>
  );
}
