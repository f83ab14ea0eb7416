'use client';

import { useLiveUpdates } from '@/components/live/use-live-updates';
import { ListFilters } from '@/components/resource/list-filters';
import { ResourceTable } from '@/components/resource/resource-table';
import { useListState } from '@/components/resource/use-list-state';

// Events, warnings first (the descriptor's default sort); the text filter matches
// "<namespace>/<kind>/<name>", so "deployment/payments" filters by object.
export function EventsView({ cluster }: { cluster: string }) {
  const { state, update, toggleSort } = useListState(cluster);
  useLiveUpdates([`${cluster}:events`]);
  return (
    <div className="flex flex-col gap-4">
      <ListFilters cluster={cluster} state={state} onChange={update} showLabels={false} />
      <ResourceTable
        cluster={cluster}
        kind="events"
        params={{ namespaces: state.namespaces, q: state.q, sort: state.sort, order: state.order }}
        onSort={toggleSort}
      />
    </div>
  );
}
