'use client';

import { useKind } from '@/components/kinds/use-kind';
import { usePersonRefresh } from '@/components/kinds/use-person-refresh';
import { useLiveUpdates } from '@/components/live/use-live-updates';
import { ListFilters } from '@/components/resource/list-filters';
import { ResourceTable } from '@/components/resource/resource-table';
import { useListState } from '@/components/resource/use-list-state';
import { tableParams } from '@/lib/query/pages';
import { routes } from '@/lib/routes';

// The list page of any kind, knowing none: filters in the URL, the virtualized table with the
// descriptor's columns, live from the tab's stream. Rows link to the detail page when the kind has one.

export function ResourceListView({ cluster, kind }: { cluster: string; kind: string }) {
  const { descriptor } = useKind(cluster, kind);
  const { state, update, toggleSort } = useListState(cluster);
  useLiveUpdates(descriptor ? [`${cluster}:${descriptor.id}`] : []);
  // Kinds read as the person (Secrets, Helm releases) have no stream feed: read again while shown.
  usePersonRefresh(cluster, kind);
  if (!descriptor) return null;
  const namespaced = descriptor.namespaced;
  return (
    <div className="flex flex-col gap-4" data-testid="resource-list" data-kind={descriptor.id}>
      <ListFilters cluster={cluster} state={state} onChange={update} showNamespaces={namespaced} />
      <ResourceTable
        cluster={cluster}
        kind={descriptor.id}
        descriptor={descriptor}
        params={tableParams(state, namespaced)}
        onSort={toggleSort}
        hrefFor={
          descriptor.detail
            ? (row) => routes.object(cluster, descriptor.id, namespaced ? row.namespace : undefined, row.name)
            : undefined
        }
        emptyText={`No ${descriptor.title} you may read${namespaced && state.namespaces.length ? ' in these namespaces' : ''}.`}
      />
    </div>
  );
}
