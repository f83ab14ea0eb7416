'use client';

import { tableParams } from '@/lib/query/pages';
import { routes } from '@/lib/routes';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { ListFilters } from '@/components/resource/list-filters';
import { ResourceTable } from '@/components/resource/resource-table';
import { useListState } from '@/components/resource/use-list-state';

export function PodsView({ cluster }: { cluster: string }) {
  const { state, update, toggleSort } = useListState(cluster);
  useLiveUpdates([`${cluster}:pods`]);
  return (
    <div className="flex flex-col gap-4">
      <ListFilters cluster={cluster} state={state} onChange={update} />
      <ResourceTable
        cluster={cluster}
        kind="pods"
        params={tableParams(state)}
        onSort={toggleSort}
        hrefFor={(row) => routes.object(cluster, 'pods', row.namespace, row.name)}
      />
    </div>
  );
}
