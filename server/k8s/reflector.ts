import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import { stripObject, type KubeObject } from '@/lib/k8s/object';
import { ObjectStore, type IndexFn } from '@/server/k8s/store';
import { HttpStatusError, kubeJson, kubeWatch, type WatchEvent } from '@/server/k8s/transport';
import { counter } from '@/server/observability/metrics';

// One list+watch per (cluster, resource), shared by every user (REFERENCE.md "List, watch"):
// paginated initial LIST, then WATCH from the list's resourceVersion with bookmarks; resume the watch
// from the last seen resourceVersion after a disconnect (no relist), relist only on 410 Gone;
// exponential backoff with jitter; every request has a deadline.
// client-node's ListWatch does neither pagination nor bookmarks, hence our own.

export type ReflectorState = 'syncing' | 'ready' | 'stale' | 'stopped';
export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type ChangeListener<T> = (type: ChangeType, obj: T, old: T | undefined) => void;

export interface ReflectorOptions<T extends KubeObject> {
  kc: KubeConfig;
  /** e.g. /api/v1/pods or /apis/apps/v1/deployments (all namespaces). */
  listPath: string;
  fieldSelector?: string;
  /** Applied to every object on arrival; return undefined to drop it. Runs after stripping. */
  transform?: (obj: KubeObject) => T | undefined;
  indexes?: Record<string, IndexFn<T>>;
  pageSize?: number;
  requestTimeoutMs?: number;
  /** Server-side watch duration; the watch is renewed from the last resourceVersion after it. */
  watchSeconds?: number;
  log?: (msg: string) => void;
  /** Metric labels (cluster name, kind id); both bounded by configuration. */
  labels?: { cluster: string; kind: string };
}

const listsTotal = counter({
  name: 'wheelhouse_k8s_reflector_lists_total',
  help: 'Full LISTs of a kind by the shared cache (the first one, and every relist)',
  labelNames: ['cluster', 'kind'],
});
const relistsTotal = counter({
  name: 'wheelhouse_k8s_reflector_relists_total',
  help: 'Relists because the watch position expired (410 Gone)',
  labelNames: ['cluster', 'kind'],
});
const watchRestartsTotal = counter({
  name: 'wheelhouse_k8s_watch_restarts_total',
  help: 'Watches reopened: after the server ended one (reason "renewal", normal every ~5 min) or after a failure ("error")',
  labelNames: ['cluster', 'kind', 'reason'],
});
const eventsTotal = counter({
  name: 'wheelhouse_k8s_watch_events_total',
  help: 'Watch events applied to the shared cache (ADDED, MODIFIED, DELETED)',
  labelNames: ['cluster', 'kind', 'type'],
});

export interface ReflectorStats {
  lists: number;
  listPages: number;
  watches: number;
  relists: number;
  events: number;
  /** When the current (or last) full LIST started (epoch ms). */
  listStartedAt?: number;
  /** When that LIST was stored whole (epoch ms); undefined while it runs. */
  listSyncedAt?: number;
}

interface ListBody {
  metadata: { resourceVersion: string; continue?: string };
  items: KubeObject[];
}

// The listener is removed when the timer fires: the signal lives as long as the reflector, and every
// retry would otherwise leave one behind.
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

export function backoffMs(attempt: number, baseMs = 500, maxMs = 30_000, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(exp / 2 + random() * (exp / 2)); // "equal jitter"
}

export class Reflector<T extends KubeObject = KubeObject> {
  readonly store: ObjectStore<T>;
  state: ReflectorState = 'syncing';
  lastError: Error | undefined;
  /** When the last failure happened (cleared with lastError on the next successful contact). */
  lastErrorAt: number | undefined;
  /** The last time the list or watch was (re)established with the API server. */
  lastSyncAt: number | undefined;
  /** The last time anything arrived from the API server (list page, watch open, event, bookmark). */
  lastContactAt: number | undefined;
  resourceVersion: string | undefined;
  readonly stats: ReflectorStats = { lists: 0, listPages: 0, watches: 0, relists: 0, events: 0 };
  private readonly listeners = new Set<ChangeListener<T>>();
  private readonly stateListeners = new Set<(state: ReflectorState) => void>();
  private readonly readyWaiters: ((ok: boolean) => void)[] = [];
  private abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly opts: ReflectorOptions<T>) {
    this.store = new ObjectStore<T>(
      (o) => o.metadata as { name: string; uid: string; resourceVersion: string; namespace?: string },
      opts.indexes,
    );
  }

  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.state = this.lastSyncAt ? 'stale' : 'syncing';
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.state = 'stopped';
    await this.running;
  }

  /** Called when the state changes (e.g. ready → stale while the watch fails, and back). */
  onStateChange(fn: (state: ReflectorState) => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  private setState(next: ReflectorState): void {
    if (next === this.state) return;
    this.state = next;
    for (const fn of this.stateListeners) {
      try {
        fn(next);
      } catch (err) {
        this.opts.log?.(`state listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  onChange(fn: ChangeListener<T>): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Resolves true once the first list has been stored (or at once if it has); false after
   * `timeoutMs`, or as soon as an attempt fails before the first sync (callers then report
   * `lastError` instead of making a person wait out every retry).
   */
  ready(timeoutMs: number): Promise<boolean> {
    if (this.state === 'ready' || this.lastSyncAt) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.readyWaiters.push((ok) => (clearTimeout(t), resolve(ok)));
    });
  }

  private get labels(): { cluster: string; kind: string } {
    return this.opts.labels ?? { cluster: 'unnamed', kind: this.opts.listPath };
  }

  private get timeoutMs(): number {
    return this.opts.requestTimeoutMs ?? 30_000;
  }

  private async loop(): Promise<void> {
    const signal = this.abort.signal;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        if (!this.resourceVersion) await this.list(signal);
        await this.watch(signal);
        attempt = 0;
      } catch (err) {
        if (signal.aborted) break;
        if (isGone(err)) {
          this.opts.log?.(`${this.opts.listPath}: resourceVersion ${this.resourceVersion} expired (410); relisting`);
          this.resourceVersion = undefined;
          this.stats.relists++;
          relistsTotal.inc(this.labels);
          continue;
        }
        this.lastError = err instanceof Error ? err : new Error(String(err));
        this.lastErrorAt = Date.now();
        if (this.resourceVersion) watchRestartsTotal.inc({ ...this.labels, reason: 'error' });
        // Keep the last-known objects but say they may be out of date, until the watch is back.
        if (this.lastSyncAt) this.setState('stale');
        else for (const w of this.readyWaiters.splice(0)) w(false);
        const wait = backoffMs(attempt++);
        this.opts.log?.(`${this.opts.listPath}: ${this.lastError.message}; retrying in ${wait} ms`);
        await sleep(wait, signal);
      }
    }
  }

  /**
   * The paginated LIST. The request for the next page goes out as soon as a page's `continue` token is
   * known, before that page's items are transformed and stored: the API server reads and encodes page
   * n+1 while we work on page n (at most one request in flight). The first list of a reflector fills
   * the store page by page, so the store's observers (list and attention indexes) build while the next
   * page is in flight; a relist collects the whole list and then replaces the store, as before (ADR 0002,
   * amendment "Cold list").
   */
  private async list(signal: AbortSignal): Promise<void> {
    this.stats.lists++;
    this.stats.listStartedAt = Date.now();
    this.stats.listSyncedAt = undefined;
    listsTotal.inc(this.labels);
    // Nobody reads the store of a reflector that never synced: requests wait for ready(), and the
    // stream hub drops events before the first sync. Keys left from a failed earlier attempt are
    // removed at the end (the ones this list did not see).
    const firstList = this.lastSyncAt === undefined;
    const filled = new Set<string>();
    const seen = new Map<string, T>();
    // Ends a request still in flight when this list fails (e.g. a transform throws) or the reflector stops.
    const pages = new AbortController();
    const stop = () => pages.abort();
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    try {
      let next: Promise<ListBody> | undefined = this.page(undefined, pages.signal);
      let rv = '';
      while (next) {
        const page: ListBody = await next;
        this.stats.listPages++;
        this.lastContactAt = Date.now();
        const cont = page.metadata.continue || undefined;
        rv = page.metadata.resourceVersion;
        next = cont ? this.page(cont, pages.signal) : undefined;
        // The request is only written once the transport's own awaits have run (credentials, socket):
        // let them, or the next page would go out only after this one's work.
        if (next) await new Promise((resolve) => setImmediate(resolve));
        for (const item of page.items) {
          const obj = this.accept(item);
          if (!obj) continue;
          const key = this.store.key(obj);
          if (firstList) {
            filled.add(key);
            this.put(obj);
          } else seen.set(key, obj);
        }
      }
      if (firstList) this.removeAllBut(filled);
      else this.replace(seen);
      this.resourceVersion = rv;
      this.stats.listSyncedAt = Date.now();
      this.markSynced();
    } finally {
      signal.removeEventListener('abort', stop);
      pages.abort();
    }
  }

  /** One page's request; its rejection is handled here and seen again by whoever awaits it (if anyone does). */
  private page(cont: string | undefined, signal: AbortSignal): Promise<ListBody> {
    const p = kubeJson<ListBody>(this.opts.kc, {
      path: this.opts.listPath,
      query: { limit: this.opts.pageSize ?? 500, continue: cont, fieldSelector: this.opts.fieldSelector },
      timeoutMs: this.timeoutMs,
      signal,
    });
    p.catch(() => undefined);
    return p;
  }

  /** Stores one object, telling listeners when it is new or changed. */
  private put(obj: T): void {
    const old = this.store.upsert(obj);
    if (!old) this.emit('ADDED', obj, undefined);
    else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit('MODIFIED', obj, old);
  }

  private removeAllBut(keep: { has(key: string): boolean }): void {
    for (const key of [...this.store.keys()]) {
      if (!keep.has(key)) {
        const old = this.store.delete(key);
        if (old) this.emit('DELETED', old, old);
      }
    }
  }

  private replace(next: Map<string, T>): void {
    this.removeAllBut(next);
    for (const obj of next.values()) this.put(obj);
  }

  private async watch(signal: AbortSignal): Promise<void> {
    this.stats.watches++;
    const watchSeconds = this.opts.watchSeconds ?? 240 + Math.floor(Math.random() * 60);
    await kubeWatch(
      this.opts.kc,
      {
        path: this.opts.listPath,
        query: {
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: watchSeconds,
          fieldSelector: this.opts.fieldSelector,
        },
        timeoutMs: this.timeoutMs,
        idleMs: (watchSeconds + 30) * 1000,
        signal,
        onOpen: () => this.markSynced(),
      },
      (e) => this.handle(e),
    );
    watchRestartsTotal.inc({ ...this.labels, reason: 'renewal' });
    this.markSynced();
  }

  private handle(e: WatchEvent): void {
    this.lastContactAt = Date.now();
    if (e.type === 'ERROR') {
      const code = (e.object as { code?: number }).code ?? 0;
      throw new HttpStatusError(code, JSON.stringify(e.object));
    }
    const rv = (e.object as KubeObject).metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (e.type === 'BOOKMARK') return;
    this.stats.events++;
    eventsTotal.inc({ ...this.labels, type: e.type });
    const raw = e.object as KubeObject;
    if (e.type === 'DELETED') {
      const old = this.store.delete(this.store.key(raw as unknown as T));
      if (old) this.emit('DELETED', old, old);
      return;
    }
    const obj = this.accept(raw);
    if (!obj) return;
    const old = this.store.upsert(obj);
    this.emit(old ? 'MODIFIED' : 'ADDED', obj, old);
  }

  private accept(raw: KubeObject): T | undefined {
    const stripped = stripObject(raw);
    return this.opts.transform ? this.opts.transform(stripped) : (stripped as T);
  }

  private markSynced(): void {
    this.lastError = undefined;
    this.lastErrorAt = undefined;
    this.lastSyncAt = Date.now();
    this.lastContactAt = this.lastSyncAt;
    this.setState('ready');
    for (const w of this.readyWaiters.splice(0)) w(true);
  }

  private emit(type: ChangeType, obj: T, old: T | undefined): void {
    for (const fn of this.listeners) {
      try {
        fn(type, obj, old);
      } catch (err) {
        this.opts.log?.(`listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

function isGone(err: unknown): boolean {
  return err instanceof HttpStatusError && err.statusCode === 410;
}
