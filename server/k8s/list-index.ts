import 'server-only';

import type { BaseSummary, Comparator, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import { sortOf, summaryOf } from '@/server/k8s/list-query';
import { SortedChunks } from '@/server/k8s/sorted-chunks';
import type { ObjectStore } from '@/server/k8s/store';

// Ordered list indexes over one kind's cached objects (ADR 0024): per sort key, the whole kind in
// order (chunks counting their namespaces) and each namespace in order, kept in step with the store on
// every watch event. A page walks them and stops after offset + limit instead of sorting everything.

export interface IndexEntry<S> {
  key: string;
  /** '' for cluster-scoped objects. */
  ns: string;
  s: S;
  /** The descriptor's lower-case search text, computed once per object version. */
  text: string;
  labels: Record<string, string>;
  rv: string;
}

export interface Order<S> {
  cmp: (a: IndexEntry<S>, b: IndexEntry<S>) => number;
  all: SortedChunks<IndexEntry<S>>;
  byNs: Map<string, SortedChunks<IndexEntry<S>>>;
}

export class ListIndex<S extends BaseSummary> {
  private readonly entries = new Map<string, IndexEntry<S>>();
  private readonly orders = new Map<string, Order<S>>();
  private readonly nsCounts = new Map<string, number>();
  private readonly stop: () => void;
  /** A summary threw: the index stops following the store and lists go back to a full sort (which throws as before). */
  failed = false;

  constructor(
    readonly kind: KindDescriptor<S>,
    store: ObjectStore<KubeObject>,
    private readonly chunkSize?: number,
  ) {
    try {
      for (const [key, obj] of iterateEntries(store)) this.add(key, obj);
    } catch {
      this.failed = true;
    }
    this.stop = store.observe({
      upserted: (key, obj, old) => {
        if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
        this.guard(() => (this.remove(key), this.add(key, obj)));
      },
      deleted: (key) => this.guard(() => this.remove(key)),
      cleared: () => this.clear(),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  countIn(ns: string): number {
    return this.nsCounts.get(ns) ?? 0;
  }

  detach(): void {
    this.stop();
  }

  /** The order of a sort key, built on first use (O(n log n) once), then kept up to date. */
  order(sortKey: string): Order<S> {
    const hit = this.orders.get(sortKey);
    if (hit) return hit;
    const compare: Comparator<S> = sortOf(this.kind, { sort: sortKey }).compare;
    const cmp = (a: IndexEntry<S>, b: IndexEntry<S>) => compare(a.s, b.s);
    const sorted = [...this.entries.values()].sort(cmp);
    const all = new SortedChunks<IndexEntry<S>>(cmp, (e) => e.ns, this.chunkSize);
    all.load(sorted);
    const groups = new Map<string, IndexEntry<S>[]>();
    for (const e of sorted) {
      const g = groups.get(e.ns);
      if (g) g.push(e);
      else groups.set(e.ns, [e]);
    }
    const byNs = new Map<string, SortedChunks<IndexEntry<S>>>();
    for (const [ns, list] of groups) {
      const sub = new SortedChunks<IndexEntry<S>>(cmp, undefined, this.chunkSize);
      sub.load(list);
      byNs.set(ns, sub);
    }
    const order = { cmp, all, byNs };
    this.orders.set(sortKey, order);
    return order;
  }

  private guard(fn: () => void): void {
    if (this.failed) return;
    try {
      fn();
    } catch {
      this.failed = true;
    }
  }

  private add(key: string, obj: KubeObject): void {
    const s = summaryOf(this.kind, obj);
    const e: IndexEntry<S> = {
      key,
      ns: obj.metadata.namespace ?? '',
      s,
      text: this.kind.searchText(s),
      labels: obj.metadata.labels ?? {},
      rv: obj.metadata.resourceVersion,
    };
    this.entries.set(key, e);
    this.nsCounts.set(e.ns, this.countIn(e.ns) + 1);
    for (const o of this.orders.values()) {
      o.all.insert(e);
      let sub = o.byNs.get(e.ns);
      if (!sub) o.byNs.set(e.ns, (sub = new SortedChunks<IndexEntry<S>>(o.cmp, undefined, this.chunkSize)));
      sub.insert(e);
    }
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    const left = this.countIn(e.ns) - 1;
    if (left) this.nsCounts.set(e.ns, left);
    else this.nsCounts.delete(e.ns);
    for (const o of this.orders.values()) {
      o.all.remove(e);
      const sub = o.byNs.get(e.ns);
      sub?.remove(e);
      if (sub && !sub.size) o.byNs.delete(e.ns);
    }
  }

  private clear(): void {
    this.entries.clear();
    this.nsCounts.clear();
    this.orders.clear();
  }
}

function* iterateEntries(store: ObjectStore<KubeObject>): Generator<[string, KubeObject]> {
  for (const key of store.keys()) {
    const obj = store.get(key);
    if (obj) yield [key, obj];
  }
}

const indexes = new WeakMap<object, ListIndex<BaseSummary>>();

/**
 * The kind's index over a reflector's store, built on first use and then kept in step with it; made
 * again when the descriptor changes (a custom kind's CRD) or a summary failed.
 */
export function listIndexFor<S extends BaseSummary>(
  store: ObjectStore<KubeObject>,
  kind: KindDescriptor<S>,
): ListIndex<S> {
  const hit = indexes.get(store);
  if (hit && hit.kind === kind && !hit.failed) return hit as unknown as ListIndex<S>;
  hit?.detach();
  const made = new ListIndex<S>(kind, store);
  indexes.set(store, made as unknown as ListIndex<BaseSummary>);
  return made;
}
