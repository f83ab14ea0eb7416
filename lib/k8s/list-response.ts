import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';

// The list API's answer, declared once for both sides: the route handler
// (app/api/k8s/[cluster]/[kind]/route.ts) and the server-side prefetch build it, lib/query reads it.

/** What lists (and the stream's `state` events) say about the shared cache behind them. */
export interface CacheState {
  state: 'syncing' | 'ready' | 'stale' | 'stopped';
  syncedAt?: string;
  error?: string;
}

/** The JSON of GET /api/k8s/<cluster>/<kind>: one page of the summaries the person may read. */
export interface ResourceListResponse<S extends BaseSummary = BaseSummary> {
  items: S[];
  total: number;
  offset: number;
  limit: number;
  cache: CacheState;
  /** The live-stream position (event id) the list was read at. */
  stream?: string;
  /**
   * Set when the person may not list this cluster-scoped kind at all (no cluster-wide `list`), so the
   * page can say so rather than "none". Never set for namespaced kinds: their answer must not depend
   * on which namespaces hold objects (server/k8s/resources.ts).
   */
  denied?: true;
}
