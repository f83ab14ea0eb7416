import 'server-only';

import { randomBytes } from 'node:crypto';

import type { KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import type { ClusterCache } from '@/server/k8s/cache';
import { EventRing, type Sequenced } from '@/server/k8s/event-ring';
import { summaryOf } from '@/server/k8s/list-query';
import type { ChangeType, Reflector } from '@/server/k8s/reflector';
import {
  Session,
  type ChangeEvent,
  type Feed,
  type OpenOptions,
  type StreamMessage,
} from '@/server/k8s/stream-session';

export type { ChangeEvent, OpenOptions, StreamMessage };

// Live changes for the SSE stream. One feed per reflector turns its changes into summaries, numbers
// them with one hub-wide sequence and keeps the last ones in a ring for replay after a reconnect.
// Each open stream (a session) receives only what it subscribed to and what its person may list in
// the object's namespace (the same SubjectAccessReview answers the list API uses, cached).

/** How long a feed started for a list position keeps recording without any stream attached. */
export const POSITION_LINGER_MS = 60_000;

export class StreamHub {
  /** Ids carry the hub's boot id, so an id from before a restart is recognised and answered with resync. */
  readonly bootId = randomBytes(4).toString('hex');
  private readonly ring: EventRing<ChangeEvent>;
  private readonly feeds = new Map<Reflector, Feed>();

  constructor(capacity = 5000) {
    this.ring = new EventRing(capacity);
  }

  formatId(seq: number): string {
    return `${this.bootId}-${seq}`;
  }

  /** The sequence number of an id this hub handed out, or undefined. */
  parseId(id: string | null | undefined): number | undefined {
    const m = /^([0-9a-f]{8})-(\d{1,15})$/.exec(id ?? '');
    return m && m[1] === this.bootId ? Number(m[2]) : undefined;
  }

  get feedCount(): number {
    return this.feeds.size;
  }

  /**
   * Starts a session: replays what a reconnect missed (or asks for a resync), then forwards live
   * changes. Resolves to the function that ends it. Throws when a cluster is unknown or does not
   * serve a kind (before anything is sent).
   */
  async open(opts: OpenOptions): Promise<() => void> {
    const session = new Session(this, opts);
    try {
      await session.attach();
    } catch (err) {
      session.close();
      throw err;
    }
    session.start(opts.lastEventId);
    return () => session.close();
  }

  /**
   * The stream position a list of `kind` is read at, to be handed out with the list: call it
   * BEFORE reading the store. Every change after it is then in the ring (the feed is started here
   * if needed and kept recording for POSITION_LINGER_MS), so a stream opened later with this id as
   * Last-Event-ID replays exactly what the list missed. Replaying a change the list already holds
   * is harmless: events carry whole summaries and apply idempotently.
   */
  async position(cache: ClusterCache, kind: KindDescriptor): Promise<string> {
    const feed = this.feedOf(cache, kind, await cache.reflector(kind));
    feed.lingerUntil = Math.max(feed.lingerUntil, Date.now() + POSITION_LINGER_MS);
    this.scheduleRemoval(feed);
    return this.formatId(this.ring.lastId);
  }

  /** @internal */
  async attach(
    cache: ClusterCache,
    kind: KindDescriptor,
    sink: (e: Sequenced<ChangeEvent>) => void,
    stateSink: () => void,
  ): Promise<Feed> {
    const feed = this.feedOf(cache, kind, await cache.reflector(kind));
    if (feed.sinks.size === 0) feed.release = cache.hold(kind.id);
    feed.sinks.add(sink);
    feed.stateSinks.add(stateSink);
    return feed;
  }

  private feedOf(cache: ClusterCache, kind: KindDescriptor, reflector: Reflector): Feed {
    const existing = this.feeds.get(reflector);
    if (existing) return existing;
    const created: Feed = {
      cluster: cache.name,
      cache,
      kind,
      reflector,
      startedAt: this.ring.lastId,
      sinks: new Set(),
      stateSinks: new Set(),
      lingerUntil: 0,
      stop: () => undefined,
    };
    const off = reflector.onChange((type, obj) => this.publish(created, type, obj));
    const offState = reflector.onStateChange(() => created.stateSinks.forEach((fn) => fn()));
    created.stop = () => {
      off();
      offState();
      clearTimeout(created.lingerTimer);
    };
    this.feeds.set(reflector, created);
    return created;
  }

  /** @internal */
  detach(feed: Feed, sink: (e: Sequenced<ChangeEvent>) => void, stateSink: () => void): void {
    feed.stateSinks.delete(stateSink);
    if (!feed.sinks.delete(sink) || feed.sinks.size > 0) return;
    feed.release?.();
    feed.release = undefined;
    this.scheduleRemoval(feed);
  }

  /** Removes a feed without sinks once its linger time is over (at once when it has none). */
  private scheduleRemoval(feed: Feed): void {
    clearTimeout(feed.lingerTimer);
    if (feed.sinks.size > 0 || this.feeds.get(feed.reflector) !== feed) return;
    const wait = feed.lingerUntil - Date.now();
    if (wait > 0) {
      feed.lingerTimer = setTimeout(() => this.scheduleRemoval(feed), wait);
      feed.lingerTimer.unref?.();
      return;
    }
    this.feeds.delete(feed.reflector);
    feed.stop();
  }

  /** @internal */
  replay(afterSeq: number) {
    return this.ring.since(afterSeq);
  }

  /** @internal */
  get lastSeq(): number {
    return this.ring.lastId;
  }

  private publish(feed: Feed, type: ChangeType, obj: KubeObject): void {
    // The first list of a reflector reports every object as ADDED; clients load that state with their
    // list request, so only changes after the first sync are news.
    if (feed.reflector.lastSyncAt === undefined) return;
    const e = this.ring.push({ cluster: feed.cluster, kind: feed.kind.id, type, summary: summaryOf(feed.kind, obj) });
    for (const sink of feed.sinks) sink(e);
  }
}

const KEY = Symbol.for('wheelhouse.k8s.stream-hub');
type Holder = typeof globalThis & { [KEY]?: StreamHub };

/** The process-wide hub (on globalThis, so dev-mode reloads keep one sequence and one ring). */
export function streamHub(): StreamHub {
  const g = globalThis as Holder;
  g[KEY] ??= new StreamHub();
  return g[KEY];
}
