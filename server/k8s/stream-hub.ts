import 'server-only';

import { randomBytes } from 'node:crypto';

import { kindById } from '@/lib/k8s/kinds';
import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import type { ClusterCache } from '@/server/k8s/cache';
import { EventRing, type Sequenced } from '@/server/k8s/event-ring';
import { summaryOf } from '@/server/k8s/list-query';
import type { ChangeType, Reflector } from '@/server/k8s/reflector';
import { mayList } from '@/server/k8s/resources';
import { subscriptionMatches, type Subscription } from '@/server/k8s/subscriptions';
import type { Impersonation } from '@/server/k8s/transport';

// Live changes for the SSE stream. One feed per reflector turns its changes into summaries, numbers
// them with one hub-wide sequence and keeps the last ones in a ring for replay after a reconnect.
// Each open stream (a session) receives only what it subscribed to and what its person may list in
// the object's namespace (the same SubjectAccessReview answers the list API uses, cached).

export interface ChangeEvent {
  cluster: string;
  kind: string;
  type: ChangeType;
  summary: BaseSummary;
}

export type StreamMessage =
  | { event: 'change'; id: string; data: ChangeEvent }
  | { event: 'resync'; id: string; data: { cluster: string; kind: string } };

interface Feed {
  cluster: string;
  cache: ClusterCache;
  kind: KindDescriptor;
  reflector: Reflector;
  /** Ring id when the feed began: changes after it are all in the ring (until overwritten). */
  startedAt: number;
  sinks: Set<(e: Sequenced<ChangeEvent>) => void>;
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

  /** @internal */
  async attach(cache: ClusterCache, kind: KindDescriptor, sink: (e: Sequenced<ChangeEvent>) => void): Promise<Feed> {
    const reflector = await cache.reflector(kind);
    let feed = this.feeds.get(reflector);
    if (!feed) {
      const release = cache.hold(kind.id);
      const created: Feed = {
        cluster: cache.name,
        cache,
        kind,
        reflector,
        startedAt: this.ring.lastId,
        sinks: new Set(),
        stop: () => undefined,
      };
      const off = reflector.onChange((type, obj) => this.publish(created, type, obj));
      created.stop = () => (off(), release());
      this.feeds.set(reflector, created);
      feed = created;
    }
    feed.sinks.add(sink);
    return feed;
  }

  /** @internal */
  detach(feed: Feed, sink: (e: Sequenced<ChangeEvent>) => void): void {
    feed.sinks.delete(sink);
    if (feed.sinks.size === 0 && this.feeds.get(feed.reflector) === feed) {
      this.feeds.delete(feed.reflector);
      feed.stop();
    }
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

class Session {
  private readonly attached: { feed: Feed; sink: (e: Sequenced<ChangeEvent>) => void }[] = [];
  private early: Sequenced<ChangeEvent>[] | undefined = [];
  private lastQueued = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly hub: StreamHub,
    private readonly opts: OpenOptions,
  ) {}

  async attach(): Promise<void> {
    const groups = new Map<string, { cache: ClusterCache; kind: KindDescriptor }>();
    for (const sub of this.opts.subscriptions) {
      const cache = this.opts.cacheFor(sub.cluster);
      const kind = kindById(sub.kind);
      if (!cache || !kind) throw new Error(`unknown subscription ${sub.cluster}:${sub.kind}`);
      groups.set(`${sub.cluster}\u0000${sub.kind}`, { cache, kind });
    }
    for (const { cache, kind } of groups.values()) {
      if (this.closed) return;
      const sink = (e: Sequenced<ChangeEvent>) => (this.early ? this.early.push(e) : this.enqueue(e));
      this.attached.push({ feed: await this.hub.attach(cache, kind, sink), sink });
    }
  }

  start(lastEventId: string | null | undefined): void {
    const early = this.early ?? [];
    this.early = undefined;
    if (lastEventId) {
      const seq = this.hub.parseId(lastEventId);
      const replay = seq === undefined ? undefined : this.hub.replay(seq);
      const now = this.hub.lastSeq;
      for (const { feed } of this.attached) {
        // Missed changes are unknown when the ring lost them or the feed did not exist back then.
        if (seq === undefined || !replay?.ok || feed.startedAt > seq) {
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
    for (const e of early) this.enqueue(e);
  }

  close(): void {
    this.closed = true;
    for (const { feed, sink } of this.attached.splice(0)) this.hub.detach(feed, sink);
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
    return mayList(cache, this.opts.who, kind, kind.namespaced ? (e.summary.namespace ?? '') : '');
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
