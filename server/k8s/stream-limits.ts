import 'server-only';

import { gauge } from '@/server/observability/metrics';

// How many live streams one person may hold open (issue 11, item 6; ADR 0016). Past the cap the
// person's OLDEST stream is closed, not the new one refused: the new stream is the tab they are
// looking at, and EventSource gives up for good on a refused (non-200) answer, while a closed stream
// reconnects by itself. The closed one is told to wait `EVICTED_RETRY_MS` before reconnecting, so a
// person with more tabs than the cap rotates slowly through them instead of churning every 3 s;
// each reconnect replays what it missed (or resyncs).

export const MAX_STREAMS_PER_USER = 8;
export const EVICTED_RETRY_MS = 30_000;

/** The abort reason of a stream closed to make room for a newer one of the same person. */
export class StreamEvictedError extends Error {
  constructor() {
    super('Closed: too many live streams for this person; the newest ones stay open');
    this.name = 'StreamEvictedError';
  }
}

/** The last frames of an evicted stream: reconnect later, and why (the client ignores the event). */
export function evictionFarewell(reason: unknown): string | undefined {
  // By name: Next.js may load this module once per route bundle, each with its own class.
  if (!(reason instanceof Error) || reason.name !== 'StreamEvictedError') return undefined;
  return `retry: ${EVICTED_RETRY_MS}\nevent: closed\ndata: ${JSON.stringify({ reason: 'too-many-streams' })}\n\n`;
}

const streamsOpen = gauge({ name: 'wheelhouse_streams_open', help: 'Live event streams open on this server' });

export class UserStreams {
  private readonly byUser = new Map<string, Map<number, AbortController>>();
  private nextId = 0;
  private total = 0;

  constructor(private readonly maxPerUser = MAX_STREAMS_PER_USER) {}

  /**
   * Registers a stream of `user`; returns its signal (aborted with StreamEvictedError when newer
   * streams push it out) and the release to call when it ends. Evicts the oldest beyond the cap.
   */
  open(user: string): { signal: AbortSignal; release: () => void } {
    let mine = this.byUser.get(user);
    if (!mine) this.byUser.set(user, (mine = new Map()));
    const id = this.nextId++;
    const controller = new AbortController();
    mine.set(id, controller);
    this.total++;
    streamsOpen.set(this.total);
    // Maps iterate in insertion order: the first entries are the oldest.
    for (const [oldId, old] of mine) {
      if (mine.size <= this.maxPerUser) break;
      this.remove(user, oldId);
      old.abort(new StreamEvictedError());
    }
    return { signal: controller.signal, release: () => this.remove(user, id) };
  }

  /** Streams `user` holds open (tests, diagnostics). */
  count(user: string): number {
    return this.byUser.get(user)?.size ?? 0;
  }

  private remove(user: string, id: number): void {
    const mine = this.byUser.get(user);
    if (!mine?.delete(id)) return;
    this.total--;
    streamsOpen.set(this.total);
    if (mine.size === 0) this.byUser.delete(user);
  }
}

const KEY = Symbol.for('wheelhouse.k8s.user-streams');
type Holder = typeof globalThis & { [KEY]?: UserStreams };

/** The process-wide registry (on globalThis, like the hub, so every route bundle shares it). */
export function userStreams(): UserStreams {
  const g = globalThis as Holder;
  g[KEY] ??= new UserStreams();
  return g[KEY];
}
