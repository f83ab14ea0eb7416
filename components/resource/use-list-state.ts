'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';

import { listStateFrom, type ListState } from '@/lib/query/pages';

export type { ListState };

// List filters live in the URL (shareable, back button) and the namespace choice is also remembered
// in localStorage, so opening the page again without parameters restores it.

const NS_KEY = (cluster: string) => `wheelhouse:${cluster}:namespaces`;

export function useListState(cluster: string) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();

  // Parsed as the server page parses its searchParams (lib/query/pages.ts), so a list prefetched on
  // the server has this very key (ADR 0018).
  const state: ListState = useMemo(() => listStateFrom(search), [search]);

  const update = useCallback(
    (patch: Partial<ListState>) => {
      const next = new URLSearchParams(search.toString());
      const set = (k: string, v: string | undefined) => (v ? next.set(k, v) : next.delete(k));
      if (patch.namespaces) {
        set('namespace', patch.namespaces.join(','));
        window.localStorage.setItem(NS_KEY(cluster), patch.namespaces.join(','));
      }
      if (patch.q !== undefined) set('q', patch.q);
      if (patch.labelSelector !== undefined) set('labelSelector', patch.labelSelector);
      if ('sort' in patch) set('sort', patch.sort);
      if (patch.order) set('order', patch.order === 'desc' ? 'desc' : undefined);
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [cluster, pathname, router, search],
  );

  // No namespace in the URL: restore the remembered choice once.
  useEffect(() => {
    if (search.has('namespace')) return;
    const saved = window.localStorage.getItem(NS_KEY(cluster));
    if (saved) {
      const next = new URLSearchParams(search.toString());
      next.set('namespace', saved);
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    }
  }, [cluster, pathname, router, search]);

  const toggleSort = useCallback(
    (sort: string) => update({ sort, order: state.sort === sort && state.order === 'asc' ? 'desc' : 'asc' }),
    [state.order, state.sort, update],
  );

  return { state, update, toggleSort };
}
