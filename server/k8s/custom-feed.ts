import 'server-only';

import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { ClusterCache } from '@/server/k8s/cache';
import { customObjectsForUser } from '@/server/k8s/custom-person';
import { summaryOf } from '@/server/k8s/list-query';
import type { ChangeType } from '@/server/k8s/reflector';
import type { Impersonation } from '@/server/k8s/transport';

// Live custom resources for one stream (ADR 0020). They have no shared watch (the dashboard may not
// read them), so while a tab shows a custom kind its stream re-reads the person's list every
// `intervalMs` (cached briefly per person and path, so several tabs of one person share the reads)
// and sends what changed: new or moved-on resourceVersions, and deletions.

export const PERSON_FEED_INTERVAL_MS = 10_000;

export interface PersonFeedOptions {
  cache: ClusterCache;
  who: Impersonation;
  kind: KindDescriptor;
  intervalMs?: number;
  emit: (type: ChangeType, summary: BaseSummary) => void;
}

export class PersonFeed {
  private known = new Map<string, BaseSummary>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly opts: PersonFeedOptions) {}

  get kind(): KindDescriptor {
    return this.opts.kind;
  }

  get cluster(): string {
    return this.opts.cache.name;
  }

  /** Reads the baseline (no events), then polls. Rejects when the first read fails. */
  async start(): Promise<void> {
    this.known = await this.read();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One poll: exposed for tests, which should not wait for the timer. */
  async poll(): Promise<void> {
    const next = await this.read();
    if (this.stopped) return;
    for (const [uid, s] of next) {
      const before = this.known.get(uid);
      if (!before) this.opts.emit('ADDED', s);
      else if (before.resourceVersion !== s.resourceVersion) this.opts.emit('MODIFIED', s);
    }
    for (const [uid, s] of this.known) if (!next.has(uid)) this.opts.emit('DELETED', s);
    this.known = next;
  }

  private async read(): Promise<Map<string, BaseSummary>> {
    const { cache, who, kind } = this.opts;
    const objects = await customObjectsForUser(cache, who, kind, []);
    return new Map(objects.map((o) => [o.metadata.uid, summaryOf(kind, o)]));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // A failed read keeps the last state; the next poll tries again.
      this.poll()
        .catch(() => undefined)
        .finally(() => this.schedule());
    }, this.opts.intervalMs ?? PERSON_FEED_INTERVAL_MS);
    this.timer.unref?.();
  }
}
