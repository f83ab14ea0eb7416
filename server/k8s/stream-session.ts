import 'server-only';

import { kindById } from '@/lib/k8s/kinds';
import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { ClusterCache } from '@/server/k8s/cache';
import { PersonFeed } from '@/server/k8s/custom-feed';
import { isPersonRead, resolveKind } from '@/server/k8s/custom-kinds';
import type { Replay, Sequenced } from '@/server/k8s/event-ring';
import type { ChangeType, Reflector } from '@/server/k8s/reflector';
import { cacheStateOf, mayList, readableNamespaces, type CacheState } from '@/server/k8s/resources';
import { subscriptionMatches, type Subscription } from '@/server/k8s/subscriptions';
import type { Impersonation } from '@/server/k8s/transport';
import { counter } from '@/server/observability/metrics';

// One open stream of the hub (server/k8s/stream-hub.ts): what it subscribed to, replay after a
// reconnect, the `ready` and `state` messages, and per-person access checks, in order.

/** A reconnect that missed more than this gets `resync` instead of a replay (ADR 0016). */
export const MAX_REPLAY_EVENTS = 1000;
/** …or more summary bytes than this: half of what a connection may hold unsent. */
export const MAX_REPLAY_BYTES = 512 * 1024;

type ResyncReason = 'unknown_id' | 'gap' | 'new_feed' | 'too_large';

const resyncs = counter({
  name: 'wheelhouse_stream_resyncs_total',
  help: 'resync messages sent on reconnect, by reason: unknown_id (another boot), gap (the ring lost events), new_feed (no record back then), too_large (over the replay limit)',
  labelNames: ['reason'] as const,
});

export interface ChangeEvent {
  cluster: string;
  kind: string;
  type: ChangeType;
  summary: BaseSummary;
}

export type StreamMessage =
  | { event: 'change'; id: string; data: ChangeEvent }
  | { event: 'resync'; id: string; data: { cluster: string; kind: string } }
  /**
   * Sent once per connection, after any replay: the stream holds every change after `from` (an id)
   * for the kinds not resynced. A list read at an older position must be refetched by the client.
   */
  | { event: 'ready'; id: string; data: { from: string } }
  /** The shared cache behind (cluster, kind) changed state, e.g. ready → stale while its watch fails. */
  | { event: 'state'; id: string; data: { cluster: string; kind: string; cache: CacheState } };

export interface Feed {
  cluster: string;
  cache: ClusterCache;
  kind: KindDescriptor;
  reflector: Reflector;
  /** Ring id when the feed began: changes after it are all in the ring (until overwritten). */
  startedAt: number;
  sinks: Set<(e: Sequenced<ChangeEvent>) => void>;
  stateSinks: Set<() => void>;
  /** Recording continues without sinks until then (a list handed out this position). */
  lingerUntil: number;
  lingerTimer?: ReturnType<typeof setTimeout>;
  /** Releases the reflector hold, taken while the feed has sinks. */
  release?: () => void;
  stop: () => void;
}

export interface OpenOptions {
  who: Impersonation;
  subscriptions: readonly Subscription[];
  /** The Last-Event-ID header of a reconnect. */
  lastEventId?: string | null;
  /** The shared cache of a cluster, or undefined when it is not configured. */
  cacheFor: (cluster: string) => ClusterCache | undefined;
  send: (message: StreamMessage) => void;
}

/** What a session needs of the hub. */
export interface SessionHub {
  attach(
    cache: ClusterCache,
    kind: KindDescriptor,
    sink: (e: Sequenced<ChangeEvent>) => void,
    stateSink: () => void,
  ): Promise<Feed>;
  detach(feed: Feed, sink: (e: Sequenced<ChangeEvent>) => void, stateSink: () => void): void;
  replay(afterSeq: number): Replay<ChangeEvent>;
  readonly lastSeq: number;
  parseId(id: string | null | undefined): number | undefined;
  formatId(seq: number): string;
}

export class Session {
  private readonly attached: {
    feed: Feed;
    sink: (e: Sequenced<ChangeEvent>) => void;
    stateSink: () => void;
  }[] = [];
  /** Custom kinds, read as the person (ADR 0020): no shared feed, a poll of their own list. */
  private readonly personFeeds: PersonFeed[] = [];
  private early: Sequenced<ChangeEvent>[] | undefined = [];
  private lastQueued = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly hub: SessionHub,
    private readonly opts: OpenOptions,
  ) {}

  async attach(): Promise<void> {
    const groups = new Map<string, { cache: ClusterCache; kind: KindDescriptor }>();
    for (const sub of this.opts.subscriptions) {
      const cache = this.opts.cacheFor(sub.cluster);
      const kind = cache && (await resolveKind(cache, sub.kind));
      if (!cache || !kind) throw new Error(`unknown subscription ${sub.cluster}:${sub.kind}`);
      // Read as the person on demand (ADR 0019): no shared feed exists; pages re-read such kinds.
      if (kind.readAs === 'person') continue;
      groups.set(`${sub.cluster}\u0000${sub.kind}`, { cache, kind });
    }
    for (const { cache, kind } of groups.values()) {
      if (this.closed) return;
      if (isPersonRead(kind)) {
        await this.attachPersonFeed(cache, kind);
        continue;
      }
      const sink = (e: Sequenced<ChangeEvent>) => (this.early ? this.early.push(e) : this.enqueue(e));
      // State changes may arrive before attach returns; they are sent once the feed is known.
      const ref: { feed?: Feed } = {};
      const stateSink = () => ref.feed && this.sendState(ref.feed);
      ref.feed = await this.hub.attach(cache, kind, sink, stateSink);
      this.attached.push({ feed: ref.feed, sink, stateSink });
    }
  }

  /** Its baseline is read before `ready`: a list the client refetches then misses no change. */
  private async attachPersonFeed(cache: ClusterCache, kind: KindDescriptor): Promise<void> {
    const feed = new PersonFeed({
      cache,
      who: this.opts.who,
      kind,
      emit: (type, summary) => {
        const data: ChangeEvent = { cluster: cache.name, kind: kind.id, type, summary };
        if (!this.opts.subscriptions.some((s) => subscriptionMatches(s, cache.name, kind.id, summary))) return;
        this.queue({ event: 'change', id: this.hub.formatId(this.hub.lastSeq), data });
      },
    });
    await feed.start();
    if (this.closed) feed.stop();
    else this.personFeeds.push(feed);
  }

  start(lastEventId: string | null | undefined): void {
    const early = this.early ?? [];
    this.early = undefined;
    const now = this.hub.lastSeq;
    let from = now;
    if (lastEventId) {
      // Person feeds keep no history: after a reconnect their lists are read again.
      for (const feed of this.personFeeds) {
        this.queue({
          event: 'resync',
          id: this.hub.formatId(now),
          data: { cluster: feed.cluster, kind: feed.kind.id },
        });
      }
      const seq = this.hub.parseId(lastEventId);
      let replay = seq === undefined ? undefined : this.hub.replay(seq);
      let reason: ResyncReason = seq === undefined ? 'unknown_id' : 'gap';
      if (replay?.ok && this.tooLargeToReplay(replay.events)) {
        // A connection may only hold so much unsent (server/http/event-stream.ts): a replay that big
        // would close it at once, and the reconnect would ask for the same replay again.
        replay = { ok: false };
        reason = 'too_large';
      }
      if (replay?.ok && seq !== undefined) from = seq;
      for (const { feed } of this.attached) {
        // Missed changes are unknown when the ring lost them or the feed did not exist back then.
        if (seq === undefined || !replay?.ok || feed.startedAt > seq) {
          resyncs.inc({ reason: replay?.ok ? 'new_feed' : reason });
          this.queue({
            event: 'resync',
            id: this.hub.formatId(now),
            data: { cluster: feed.cluster, kind: feed.kind.id },
          });
        }
      }
      if (replay?.ok && seq !== undefined) {
        const resynced = new Set(this.attached.filter((a) => a.feed.startedAt > seq).map((a) => a.feed));
        for (const e of replay.events) {
          if (![...resynced].some((f) => f.cluster === e.event.cluster && f.kind.id === e.event.kind)) this.enqueue(e);
        }
      }
      this.lastQueued = Math.max(this.lastQueued, now);
    }
    this.queue({ event: 'ready', id: this.hub.formatId(now), data: { from: this.hub.formatId(from) } });
    for (const { feed } of this.attached) if (feed.reflector.state !== 'ready') this.sendState(feed);
    for (const e of early) this.enqueue(e);
  }

  /** More matching events, or more summary bytes, than a replay may send (ADR 0016). */
  private tooLargeToReplay(events: readonly Sequenced<ChangeEvent>[]): boolean {
    let count = 0;
    let bytes = 0;
    for (const { event } of events) {
      if (!this.opts.subscriptions.some((s) => subscriptionMatches(s, event.cluster, event.kind, event.summary)))
        continue;
      bytes += JSON.stringify(event.summary).length;
      if (++count > MAX_REPLAY_EVENTS || bytes > MAX_REPLAY_BYTES) return true;
    }
    return false;
  }

  close(): void {
    this.closed = true;
    for (const feed of this.personFeeds.splice(0)) feed.stop();
    for (const { feed, sink, stateSink } of this.attached.splice(0)) this.hub.detach(feed, sink, stateSink);
  }

  private enqueue(e: Sequenced<ChangeEvent>): void {
    if (e.id <= this.lastQueued) return;
    this.lastQueued = e.id;
    const { cluster, kind, summary } = e.event;
    if (!this.opts.subscriptions.some((s) => subscriptionMatches(s, cluster, kind, summary))) return;
    // Access checks are asynchronous; the chain keeps events in order.
    this.chain = this.chain.then(async () => {
      if (this.closed || !(await this.allowed(e.event))) return;
      this.deliver({ event: 'change', id: this.hub.formatId(e.id), data: e.event });
    });
  }

  /** After everything already queued, so the id (the hub's newest) never skips an undelivered change. */
  private sendState(feed: Feed): void {
    this.queue({
      event: 'state',
      id: this.hub.formatId(this.hub.lastSeq),
      data: { cluster: feed.cluster, kind: feed.kind.id, cache: cacheStateOf(feed.reflector) },
    });
  }

  private queue(message: StreamMessage): void {
    this.chain = this.chain.then(() => this.deliver(message));
  }

  private deliver(message: StreamMessage): void {
    if (this.closed) return;
    try {
      this.opts.send(message);
    } catch {
      this.close(); // the stream is gone
    }
  }

  private async allowed(e: ChangeEvent): Promise<boolean> {
    const cache = this.opts.cacheFor(e.cluster);
    const kind = kindById(e.kind);
    if (!cache || !kind) return false;
    const namespace = kind.namespaced ? (e.summary.namespace ?? '') : '';
    // Every change waits for its answer, in order: one question per namespace, each expiring after the
    // access TTL, held back every later change whenever an answer had expired (at 1,000 namespaces an
    // operator's stream fell seconds behind; issue 14). The set of readable namespaces lists use is
    // one answer for a person who may list cluster-wide, else one per namespace asked together, and
    // is kept for a moment (server/k8s/resources.ts).
    if (namespace) {
      const r = await this.readable(cache, kind);
      if (r?.readable === 'all' || r?.readable.has(namespace)) return true;
      if (r?.present.includes(namespace)) return false;
    }
    // Not charged to the person's review budget: these checks follow real changes in namespaces that
    // exist, and a budget refusal here would silently drop a live change (ADR 0016).
    return mayList(cache, this.opts.who, kind, namespace, { budget: false });
  }

  /**
   * The namespaces holding `kind` (`present`) and those of them the person may list, or undefined
   * when that cannot be said now.
   */
  private async readable(
    cache: ClusterCache,
    kind: KindDescriptor,
  ): Promise<{ present: string[]; readable: 'all' | Set<string> } | undefined> {
    try {
      const present = (await cache.reflector(kind)).store.indexValues('namespace');
      return { present, readable: await readableNamespaces(cache, this.opts.who, kind, present) };
    } catch {
      return undefined; // e.g. the person's review budget: fall back to the one namespace's answer
    }
  }
}
