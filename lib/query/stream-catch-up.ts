// Closing the gap between a list and the live stream (components/live/use-live-updates.ts).
// Every list response carries `stream`: the hub position (`<bootId>-<seq>`) it was read at. Every
// stream connection says, in its `ready` event, the position from which it holds every change. A
// list read at or after that position is brought up to date by re-applying the changes the stream
// delivered after the list's position (they may have arrived before the list did); a list read
// before it missed changes nobody will send again, and is refetched once.

import type { LiveChange } from '@/lib/query/apply-change';

export interface StreamPosition {
  boot: string;
  seq: number;
}

export function parseStreamPosition(id: string | null | undefined): StreamPosition | undefined {
  const m = /^([0-9a-f]{8})-(\d{1,15})$/.exec(id ?? '');
  return m?.[1] && m[2] ? { boot: m[1], seq: Number(m[2]) } : undefined;
}

/** The last changes the stream delivered, bounded; remembers how far it has forgotten. */
export class RecentChanges {
  private items: { seq: number; change: LiveChange }[] = [];
  private boot: string | undefined;
  /** Changes up to this sequence number may have been dropped. */
  private forgottenUpTo = 0;

  constructor(private readonly max = 2000) {}

  add(id: string, change: LiveChange): void {
    const pos = parseStreamPosition(id);
    if (!pos) return;
    if (pos.boot !== this.boot) this.reset(pos.boot);
    this.items.push({ seq: pos.seq, change });
    if (this.items.length > this.max) this.forgottenUpTo = this.items.shift()?.seq ?? this.forgottenUpTo;
  }

  reset(boot: string | undefined): void {
    this.items = [];
    this.boot = boot;
    this.forgottenUpTo = 0;
  }

  get bootId(): string | undefined {
    return this.boot;
  }

  /** Changes of (cluster, kind) after `pos`, oldest first; undefined when some may be forgotten. */
  after(cluster: string, kind: string, pos: StreamPosition): LiveChange[] | undefined {
    if (this.boot !== undefined && pos.boot !== this.boot) return undefined;
    if (pos.seq < this.forgottenUpTo) return undefined;
    return this.items
      .filter((i) => i.seq > pos.seq && i.change.cluster === cluster && i.change.kind === kind)
      .map((i) => i.change);
  }
}

export type CatchUp = { action: 'none' } | { action: 'refetch' } | { action: 'replay'; changes: LiveChange[] };

/**
 * What to do with a list of (cluster, kind) read at `listId`, given the stream is complete from
 * `from` (undefined until the stream's `ready` event: nothing to decide yet).
 */
export function catchUp(
  listId: string | undefined,
  from: StreamPosition | undefined,
  recent: RecentChanges,
  cluster: string,
  kind: string,
): CatchUp {
  if (!from) return { action: 'none' };
  const list = parseStreamPosition(listId);
  if (!list || list.boot !== from.boot || list.seq < from.seq) return { action: 'refetch' };
  const changes = recent.after(cluster, kind, list);
  return changes ? { action: 'replay', changes } : { action: 'refetch' };
}

/** The oldest position among lists (all of one server boot), to open the stream from; else undefined. */
export function oldestPosition(ids: readonly (string | undefined)[]): string | undefined {
  const positions = ids.map(parseStreamPosition);
  if (positions.length === 0 || positions.some((p) => p === undefined)) return undefined;
  const all = positions as StreamPosition[];
  const boot = all[0]?.boot;
  if (all.some((p) => p.boot !== boot)) return undefined;
  const oldest = all.reduce((a, b) => (b.seq < a.seq ? b : a));
  return `${oldest.boot}-${oldest.seq}`;
}

/**
 * Where a stream opens, given the lists cached for its kinds: the oldest position among those that
 * hold data. A list still without data (a disabled query, e.g. the command palette's, or one still
 * loading) has nothing to catch up and must not stop the stream from resuming at the others' —
 * without a position the stream starts at "now", and every list read before it (all the lists a
 * page prefetched on the server) would be refetched once on `ready` (ADR 0018).
 */
export function resumePosition(lists: readonly ({ stream?: string } | undefined)[]): string | undefined {
  return oldestPosition(lists.flatMap((page) => (page ? [page.stream] : [])));
}
