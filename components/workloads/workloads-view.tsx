'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';

import { useLiveUpdates } from '@/components/live/use-live-updates';
import { ListFilters } from '@/components/resource/list-filters';
import { ResourceTable } from '@/components/resource/resource-table';
import { useListState } from '@/components/resource/use-list-state';
import { kindById } from '@/lib/k8s/kinds';
import { WORKLOAD_KIND_IDS, isWorkloadKindId, routes } from '@/lib/routes';

export function WorkloadsView({ cluster }: { cluster: string }) {
  const search = useSearchParams();
  const requested = search.get('kind') ?? 'deployments';
  const kind = isWorkloadKindId(requested) ? requested : 'deployments';
  const { state, update, toggleSort } = useListState(cluster);
  useLiveUpdates([`${cluster}:${kind}`]);

  const tabHref = (id: string) => {
    const next = new URLSearchParams(search.toString());
    next.set('kind', id);
    next.delete('sort');
    next.delete('order');
    return `?${next.toString()}`;
  };

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Workload kinds" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {WORKLOAD_KIND_IDS.map((id) => (
          <Link
            key={id}
            href={tabHref(id)}
            prefetch={false}
            scroll={false}
            aria-current={id === kind ? 'page' : undefined}
            className={
              id === kind
                ? '-mb-px border-b-2 border-sky-600 px-3 py-2 text-sm font-medium text-sky-700 dark:text-sky-400'
                : 'px-3 py-2 text-sm text-slate-500 dark:text-slate-400 hover:text-slate-800 dark:hover:text-slate-200'
            }
          >
            {kindById(id)?.title ?? id}
          </Link>
        ))}
      </nav>
      <ListFilters cluster={cluster} state={state} onChange={update} />
      <ResourceTable
        cluster={cluster}
        kind={kind}
        params={{
          namespaces: state.namespaces,
          q: state.q,
          labelSelector: state.labelSelector,
          sort: state.sort,
          order: state.order,
        }}
        onSort={toggleSort}
        hrefFor={(row) => routes.object(cluster, kind, row.namespace, row.name)}
      />
    </div>
  );
}
