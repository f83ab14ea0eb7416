'use client';

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { applyChange, type LiveChange } from '@/lib/query/apply-change';
import { k8sKeys, type ListParams } from '@/lib/query/keys';
import type { ResourceListResponse } from '@/lib/query/options';

// The tab's one live stream (STYLE.md rule 12). Mount it once, high in the tree, with the union of
// what the page shows (`local:pods:shop-frontend`, `local:deployments`, …). Changes are written into
// every cached list of that (cluster, kind); a `resync` (the server could not replay what a reconnect
// missed) refetches them. EventSource reconnects by itself and sends Last-Event-ID.

export function useLiveUpdates(subscriptions: readonly string[]): void {
  const queryClient = useQueryClient();
  // A stable string dependency: callers may pass a fresh array on every render.
  const subs = [...new Set(subscriptions)].sort().join('\n');

  useEffect(() => {
    if (!subs) return;
    const qs = new URLSearchParams(subs.split('\n').map((s) => ['sub', s]));
    const source = new EventSource(`/api/stream?${qs.toString()}`);
    const onChange = (e: MessageEvent<string>) => {
      const change = parse<LiveChange>(e.data);
      if (change?.summary?.uid) applyToLists(queryClient, change);
    };
    const onResync = (e: MessageEvent<string>) => {
      const target = parse<{ cluster: string; kind: string }>(e.data);
      if (target) void queryClient.invalidateQueries({ queryKey: k8sKeys.kind(target.cluster, target.kind) });
    };
    source.addEventListener('change', onChange);
    source.addEventListener('resync', onResync);
    return () => source.close();
  }, [subs, queryClient]);
}

function applyToLists(queryClient: QueryClient, change: LiveChange): void {
  const lists = queryClient.getQueriesData<ResourceListResponse>({
    queryKey: k8sKeys.lists(change.cluster, change.kind),
  });
  for (const [key, page] of lists) {
    const params = (key[4] ?? {}) as ListParams;
    const next = applyChange(page, params, change);
    if (next !== page) queryClient.setQueryData(key, next);
  }
}

function parse<T>(data: string): T | undefined {
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}
