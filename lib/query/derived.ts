// Queries derived from several kinds (a join the server computes, such as the certificates screen)
// are not lists the stream can patch item by item. They declare the kinds they are built from in
// their `meta`, and the tab's live stream (components/live/use-live-updates.ts) refetches them when
// any of those kinds changes (ADR 0018).

export interface DerivedMeta extends Record<string, unknown> {
  /** `<cluster>:<kind>` pairs whose changes make this query stale. */
  liveKinds: readonly string[];
}

export function derivedFrom(cluster: string, kinds: readonly string[]): DerivedMeta {
  return { liveKinds: kinds.map((k) => `${cluster}:${k}`) };
}

/** The `<cluster>:<kind>` pairs a query's meta declares (none for ordinary queries). */
export function liveKindsOf(meta: Record<string, unknown> | undefined): readonly string[] {
  const kinds = meta?.liveKinds;
  return Array.isArray(kinds) ? kinds.filter((k): k is string => typeof k === 'string') : [];
}
