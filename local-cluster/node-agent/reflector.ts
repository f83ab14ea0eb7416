// LIST then WATCH from the list's resourceVersion, forever: re-watch when the server ends a watch,
// relist on 410 Gone (our resourceVersion fell out of the watch cache), back off on errors.
// Like client-go's Reflector (https://github.com/kubernetes/client-go/blob/master/tools/cache/reflector.go),
// with bookmarks and paged lists.
import { isStatus, type KubeClient } from './kube-client';
import type { Logger } from './log';
import type { WatchEvent } from './types';

export interface ReflectorHandlers<T> {
  /** The full set after a (re)list; objects not in it are gone. */
  replace(items: T[]): void;
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void;
}

interface ListBody<T> {
  metadata: { resourceVersion: string; continue?: string };
  items: T[];
}

class Gone extends Error {}

export class Reflector<T extends { metadata: { resourceVersion?: string } }> {
  private readonly abort = new AbortController();
  private resourceVersion = '';
  private resolveSynced: () => void = () => {};
  /** Resolves after the first complete list. */
  readonly synced = new Promise<void>((r) => (this.resolveSynced = r));

  constructor(
    private readonly client: KubeClient,
    private readonly path: string,
    private readonly query: Record<string, string>,
    private readonly handlers: ReflectorHandlers<T>,
    private readonly log: Logger,
    private readonly pageSize = 500,
  ) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.abort.abort();
  }

  private url(extra: Record<string, string>): string {
    return `${this.path}?${new URLSearchParams({ ...this.query, ...extra }).toString()}`;
  }

  private async list(): Promise<void> {
    const items: T[] = [];
    let cont = '';
    let rv = '';
    do {
      const page = await this.client.request<ListBody<T>>(
        'GET',
        this.url({ limit: String(this.pageSize), ...(cont ? { continue: cont } : {}) }),
        { timeoutMs: 120_000 },
      );
      items.push(...page.items);
      cont = page.metadata.continue ?? '';
      rv = page.metadata.resourceVersion;
    } while (cont);
    this.resourceVersion = rv;
    this.handlers.replace(items);
    this.resolveSynced();
    this.log.info('listed', { path: this.path, items: items.length, resourceVersion: rv });
  }

  private onLine = (line: string): void => {
    const ev = JSON.parse(line) as WatchEvent<T>;
    if (ev.type === 'ERROR') {
      const status = ev.object as unknown as { code?: number; message?: string };
      if (status.code === 410) throw new Gone(status.message);
      throw new Error(`watch error: ${status.message ?? line}`);
    }
    const rv = ev.object.metadata.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (ev.type !== 'BOOKMARK') this.handlers.event(ev.type, ev.object);
  };

  private async watchOnce(): Promise<void> {
    const timeoutSeconds = 240 + Math.floor(Math.random() * 120);
    const path = this.url({
      watch: '1',
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(timeoutSeconds),
    });
    const inner = new AbortController();
    const onAbort = () => inner.abort();
    this.abort.signal.addEventListener('abort', onAbort);
    let failure: unknown;
    try {
      await this.client.watch(
        path,
        (line) => {
          if (failure) return;
          try {
            this.onLine(line);
          } catch (err) {
            failure = err;
            inner.abort();
          }
        },
        inner.signal,
        // v1.20 sends bookmarks only near the deadline: a quiet watch may be silent until the
        // server ends it, so only a connection silent well past that is dead.
        (timeoutSeconds + 60) * 1000,
      );
    } catch (err) {
      failure ??= err;
    } finally {
      this.abort.signal.removeEventListener('abort', onAbort);
    }
    if (failure) throw failure;
  }

  private async loop(): Promise<void> {
    let needList = true;
    let backoff = 500;
    while (!this.abort.signal.aborted) {
      try {
        if (needList) await this.list();
        needList = false;
        await this.watchOnce();
        backoff = 500;
      } catch (err) {
        if (this.abort.signal.aborted) return;
        if (err instanceof Gone || isStatus(err, 410)) {
          this.log.info('resourceVersion too old, relisting', { path: this.path });
          needList = true;
          continue;
        }
        this.log.warn('list/watch failed, retrying', { path: this.path, error: String(err), backoffMs: backoff });
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }
}
