'use client';

import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { createContext, createElement, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { applyChange, type LiveChange } from '@/lib/query/apply-change';
import { knownKind } from '@/lib/query/custom-kinds';
import { liveKindsOf } from '@/lib/query/derived';
import { k8sKeys, type ListParams } from '@/lib/query/keys';
import type { ResourceListResponse } from '@/lib/k8s/list-response';
import {
  catchUp,
  resumePosition,
  parseStreamPosition,
  RecentChanges,
  type StreamPosition,
} from '@/lib/query/stream-catch-up';

// The tab's one live stream (STYLE.md rule 12). Mount it once, high in the tree, with the union of
// what the page shows (`local:pods:shop-frontend`, `local:deployments`, …). Changes are written into
// every cached list of that (cluster, kind); a `resync` (the server could not replay what a reconnect
// missed) refetches them; a `state` event (the shared watch failed or recovered) updates their
// `cache` state, so they stay on screen marked stale. EventSource reconnects by itself.
//
// No change is lost between a list and the stream (lib/query/stream-catch-up.ts): the stream opens
// from the oldest cached list's position, and each list that arrives (or is cached when the stream
// becomes ready) is caught up with the changes delivered after it was read, or refetched once when
// it was read before the stream could account for everything.
//
// Queries derived from several kinds (a server-side join, e.g. the certificates screen) declare
// those kinds in `meta.liveKinds` (lib/query/derived.ts): a change, a resync or a (re)connection
// of any of them refetches the query, batched (ADR 0018).

//
// Several parts of one page subscribe (a Deployment's detail and its workload panel, a node's pods):
// under <LiveUpdatesProvider> each call adds its subscriptions to the tab's set, and the provider
// opens the one stream with their union. Each stream counts against the person's limit of 8
// streams (ADR 0016), so a page must not open one per panel.
export function useLiveUpdates(subscriptions: readonly string[]): void {
  const registry = useContext(LiveRegistryContext);
  // A stable string dependency: callers may pass a fresh array on every render.
  const subs = joinSubs(subscriptions);
  useEffect(() => {
    if (!registry || !subs) return;
    return registry.add(subs.split('\n'));
  }, [registry, subs]);
  // Outside a provider (a component rendered on its own), the component opens its own stream.
  useTabStream(registry ? '' : subs);
}

/** Holds the tab's subscriptions and opens the tab's one stream for their union. */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const [subs, setSubs] = useState('');
  const registry = useMemo<LiveRegistry>(() => {
    const counts = new Map<string, number>();
    const publish = () => setSubs(joinSubs([...counts.keys()]));
    return {
      add(list) {
        for (const s of list) counts.set(s, (counts.get(s) ?? 0) + 1);
        publish();
        return () => {
          for (const s of list) {
            const n = (counts.get(s) ?? 0) - 1;
            if (n > 0) counts.set(s, n);
            else counts.delete(s);
          }
          publish();
        };
      },
    };
  }, []);
  useTabStream(subs);
  return createElement(LiveRegistryContext.Provider, { value: registry }, children);
}

interface LiveRegistry {
  /** Adds subscriptions to the tab's set; the returned function takes them back out. */
  add(subscriptions: readonly string[]): () => void;
}

const LiveRegistryContext = createContext<LiveRegistry | null>(null);

function joinSubs(subscriptions: readonly string[]): string {
  return [...new Set(subscriptions)].sort().join('\n');
}

function useTabStream(subs: string): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!subs) return;
    const kinds = subscribedKinds(subs.split('\n'));
    const recent = new RecentChanges();
    let from: StreamPosition | undefined;
    const refetched = new Set<string>();
    const staleDerived = new Set<string>();
    let derivedTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshDerived = (pairs: Iterable<string>) => {
      for (const pair of pairs) staleDerived.add(pair);
      derivedTimer ??= setTimeout(() => {
        derivedTimer = undefined;
        const stale = new Set(staleDerived);
        staleDerived.clear();
        void queryClient.invalidateQueries({ predicate: (q) => liveKindsOf(q.meta).some((k) => stale.has(k)) });
      }, DERIVED_BATCH_MS);
    };

    const reconcile = (key: QueryKey, page: ResourceListResponse | undefined) => {
      const cluster = String(key[1]);
      const kind = String(key[2]);
      if (!page || !kinds.has(`${cluster}:${kind}`)) return;
      const next = catchUp(page.stream, from, recent, cluster, kind);
      if (next.action === 'refetch') {
        // At most once per list and stream connection: a refetch is read after `from`.
        const once = `${JSON.stringify(key)}@${from?.boot}-${from?.seq}`;
        if (refetched.has(once)) return;
        refetched.add(once);
        void queryClient.invalidateQueries({ queryKey: key, exact: true });
      } else if (next.action === 'replay' && next.changes.length) {
        const params = (key[4] ?? {}) as ListParams;
        const caught = next.changes.reduce<ResourceListResponse | undefined>(
          (p, change) => applyChange(p, params, change, knownKind(queryClient, change.cluster, change.kind)),
          page,
        );
        if (caught !== page) queryClient.setQueryData(key, caught);
      }
    };

    const onChange = (e: MessageEvent<string>) => {
      const change = parse<LiveChange>(e.data);
      if (!change?.summary?.uid) return;
      recent.add(e.lastEventId, change);
      applyToLists(queryClient, change);
      refreshDerived([`${change.cluster}:${change.kind}`]);
    };
    const onResync = (e: MessageEvent<string>) => {
      const target = parse<{ cluster: string; kind: string }>(e.data);
      if (!target) return;
      void queryClient.invalidateQueries({ queryKey: k8sKeys.kind(target.cluster, target.kind) });
      refreshDerived([`${target.cluster}:${target.kind}`]);
    };
    const onReady = (e: MessageEvent<string>) => {
      from = parseStreamPosition(parse<{ from: string }>(e.data)?.from);
      if (from && from.boot !== recent.bootId) recent.reset(from.boot);
      for (const [key, page] of cachedLists(queryClient, kinds)) reconcile(key, page);
      // Derived queries carry no stream position: what changed before the stream was ready is unknown.
      refreshDerived(kinds);
    };
    // The shared watch behind a kind failed or recovered: lists keep their items, marked stale.
    const onState = (e: MessageEvent<string>) => {
      const s = parse<{ cluster: string; kind: string; cache: ResourceListResponse['cache'] }>(e.data);
      if (!s?.cache) return;
      for (const [key, page] of queryClient.getQueriesData<ResourceListResponse>({
        queryKey: k8sKeys.lists(s.cluster, s.kind),
      })) {
        if (page) queryClient.setQueryData(key, { ...page, cache: s.cache });
      }
    };

    // EventSource retries by itself only after a network error. An error answer (a balancer's 502/503
    // while no replica is up, a restart in progress) closes it for good, and the page would silently
    // stop updating: open a new one, with backoff, from the last event seen (replay or resync).
    let source: EventSource | undefined;
    let lastId = resumePosition(cachedLists(queryClient, kinds).map(([, page]) => page));
    let retryMs = REOPEN_MIN_MS;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    const track = (e: Event) => {
      if (e instanceof MessageEvent && e.lastEventId) lastId = e.lastEventId;
    };
    const open = () => {
      const qs = new URLSearchParams(subs.split('\n').map((s) => ['sub', s]));
      if (lastId) qs.set('lastEventId', lastId);
      const es = new EventSource(`/api/stream?${qs.toString()}`);
      for (const type of ['change', 'resync', 'ready', 'state']) es.addEventListener(type, track);
      es.addEventListener('change', onChange);
      es.addEventListener('resync', onResync);
      es.addEventListener('ready', onReady);
      es.addEventListener('ready', () => (retryMs = REOPEN_MIN_MS));
      es.addEventListener('state', onState);
      es.addEventListener('error', () => {
        if (es.readyState !== EventSource.CLOSED || source !== es) return;
        reopenTimer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, REOPEN_MAX_MS);
      });
      source = es;
    };
    open();

    // Lists that arrive while the stream runs: catch them up with what the stream already delivered.
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual) return;
      const { queryKey, state } = event.query;
      if (queryKey[0] !== 'k8s' || queryKey[3] !== 'list') return;
      const page = state.data as ResourceListResponse | undefined;
      // Not inside the cache's own notification.
      queueMicrotask(() => reconcile(queryKey, page));
    });
    return () => {
      unsubscribe();
      clearTimeout(reopenTimer);
      clearTimeout(derivedTimer);
      source?.close();
      source = undefined;
    };
  }, [subs, queryClient]);
}

const REOPEN_MIN_MS = 2_000;
/** Changes within this window refetch a derived query once. */
const DERIVED_BATCH_MS = 500;
const REOPEN_MAX_MS = 30_000;

/** `cluster:kind` pairs of the subscriptions (`cluster:kind[:namespace[:name]]`). */
function subscribedKinds(subs: readonly string[]): Set<string> {
  return new Set(subs.map((s) => s.split(':').slice(0, 2).join(':')));
}

function cachedLists(queryClient: QueryClient, kinds: Set<string>): [QueryKey, ResourceListResponse | undefined][] {
  return [...kinds].flatMap((pair) => {
    const [cluster = '', kind = ''] = pair.split(':');
    return queryClient.getQueriesData<ResourceListResponse>({ queryKey: k8sKeys.lists(cluster, kind) });
  });
}

function applyToLists(queryClient: QueryClient, change: LiveChange): void {
  const lists = queryClient.getQueriesData<ResourceListResponse>({
    queryKey: k8sKeys.lists(change.cluster, change.kind),
  });
  for (const [key, page] of lists) {
    const params = (key[4] ?? {}) as ListParams;
    const next = applyChange(page, params, change, knownKind(queryClient, change.cluster, change.kind));
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
