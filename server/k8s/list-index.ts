import 'server-only';

import type { BaseSummary, Comparator, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { kindById } from '@/lib/k8s/kinds';
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
  /** Its place in the index's text blocks (stable while it lives). */
  slot: number;
  /** Scratch for one page's text search: equal to the search's mark when the entry matched. */
  mark: number;
}

/** Slots per text block: a block's joined text is made again (≈ 60 KB for pods) after any change in it. */
const TEXT_BLOCK = 1024;
/** Search texts whose matches are kept (the most recently asked), and the largest share of the index kept per text. */
const SEARCHES_KEPT = 16;
const SEARCH_KEPT_SHARE = 0.25;
/** Joins the texts of a block: a query without it cannot match across two entries. */
export const TEXT_SEPARATOR = '\n';

interface TextBlock {
  /** The block's entries' texts joined by TEXT_SEPARATOR ('' for a free slot); undefined until asked after a change. */
  text?: string;
  /** Where each slot's text starts in `text`. */
  starts?: Int32Array;
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
  /** Entries by slot, and the text of each block of TEXT_BLOCK slots joined into one string. */
  private readonly slots: (IndexEntry<S> | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly blocks: TextBlock[] = [];
  private marks = 0;
  /**
   * The entries matching each recently searched text (Map order: least recently asked first), kept in
   * step with every change, so a search asked again (the same term by many people, or a live list
   * asking again after changes) costs its matches, not a scan of every text (ADR 0024, amendment 2).
   */
  private readonly searches = new Map<string, Set<IndexEntry<S>>>();
  private readonly stop: () => void;
  /** A summary threw: the index stops following the store and lists go back to a full sort (which throws as before). */
  failed = false;

  constructor(
    readonly kind: KindDescriptor<S>,
    store: ObjectStore<KubeObject>,
    private readonly chunkSize?: number,
    private readonly blockSize = TEXT_BLOCK,
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

  /** Every entry, in slot order (no sort order). */
  *entriesInSlots(): Generator<IndexEntry<S>> {
    for (const e of this.slots) if (e) yield e;
  }

  /** A fresh mark for one search (entries keep the last mark they were given). */
  nextMark(): number {
    this.marks = (this.marks + 1) | 0 || 1;
    return this.marks;
  }

  /**
   * Calls `visit` once for each entry whose text contains `text` (lower-case, non-empty, without
   * TEXT_SEPARATOR), in slot order: String.indexOf over each block's joined text, which is an order of
   * magnitude faster than testing 100,000 strings one by one (ADR 0024, amendment).
   */
  searchText(text: string, visit: (e: IndexEntry<S>) => void): void {
    if (!text || text.includes(TEXT_SEPARATOR)) throw new Error('searchText: empty text or a separator in it');
    const kept = this.searches.get(text);
    if (kept) {
      this.searches.delete(text);
      this.searches.set(text, kept);
      for (const e of kept) visit(e);
      return;
    }
    const found = new Set<IndexEntry<S>>();
    this.scanText(text, (e) => {
      found.add(e);
      visit(e);
    });
    if (found.size > this.entries.size * SEARCH_KEPT_SHARE) return;
    this.searches.set(text, found);
    if (this.searches.size > SEARCHES_KEPT) this.searches.delete(this.searches.keys().next().value!);
  }

  /** The texts whose matches are kept, least recently asked first (for tests). */
  keptSearches(): string[] {
    return [...this.searches.keys()];
  }

  private scanText(text: string, visit: (e: IndexEntry<S>) => void): void {
    const n = Math.ceil(this.slots.length / this.blockSize);
    for (let b = 0; b < n; b++) {
      const block = this.joined(b);
      const joined = block.text!;
      const starts = block.starts!;
      const base = b * this.blockSize;
      // Matches come in increasing positions: the slot under each is found by stepping forward.
      let j = 0;
      let at = joined.indexOf(text);
      while (at >= 0) {
        while (j + 1 < starts.length && starts[j + 1]! <= at) j++;
        const e = this.slots[base + j];
        if (e) visit(e);
        if (++j >= starts.length) break;
        at = joined.indexOf(text, starts[j]!);
      }
    }
  }

  private joined(b: number): TextBlock {
    const block = (this.blocks[b] ??= {});
    if (block.text !== undefined) return block;
    const base = b * this.blockSize;
    const end = Math.min(this.slots.length, base + this.blockSize);
    const parts: string[] = [];
    const starts = new Int32Array(end - base);
    let at = 0;
    for (let i = base; i < end; i++) {
      const t = this.slots[i]?.text ?? '';
      starts[i - base] = at;
      parts.push(t);
      at += t.length + TEXT_SEPARATOR.length;
    }
    block.text = parts.join(TEXT_SEPARATOR);
    block.starts = starts;
    return block;
  }

  private changedSlot(slot: number): void {
    const block = this.blocks[Math.floor(slot / this.blockSize)];
    if (block) block.text = block.starts = undefined;
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
      slot: this.freeSlots.pop() ?? this.slots.length,
      mark: 0,
    };
    this.entries.set(key, e);
    this.slots[e.slot] = e;
    this.changedSlot(e.slot);
    this.nsCounts.set(e.ns, this.countIn(e.ns) + 1);
    for (const [text, found] of this.searches) if (e.text.includes(text)) found.add(e);
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
    this.slots[e.slot] = undefined;
    this.freeSlots.push(e.slot);
    this.changedSlot(e.slot);
    const left = this.countIn(e.ns) - 1;
    if (left) this.nsCounts.set(e.ns, left);
    else this.nsCounts.delete(e.ns);
    for (const found of this.searches.values()) found.delete(e);
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
    this.searches.clear();
    this.slots.length = 0;
    this.freeSlots.length = 0;
    this.blocks.length = 0;
  }
}

function* iterateEntries(store: ObjectStore<KubeObject>): Generator<[string, KubeObject]> {
  for (const key of store.keys()) {
    const obj = store.get(key);
    if (obj) yield [key, obj];
  }
}

// On globalThis: Next.js loads this module once per bundle (instrumentation with the lean handler and the
// cache, each route, the pages that prefetch lists); a module-level map gave each bundle its own index over
// the same store, kept in step with every watch event (memory and work twice or more).
const KEY = Symbol.for('wheelhouse.k8s.list-indexes');
type Holder = typeof globalThis & { [KEY]?: WeakMap<object, ListIndex<BaseSummary>> };

function indexes(): WeakMap<object, ListIndex<BaseSummary>> {
  const g = globalThis as Holder;
  g[KEY] ??= new WeakMap();
  return g[KEY];
}

/**
 * The index is for this descriptor: the same object, or, for a built-in kind, the same id (each bundle
 * has its own copy of the built-in descriptors). A custom kind's descriptor is made from its CRD and
 * changes with it, so only the same object will do.
 */
function sameKind(a: KindDescriptor<BaseSummary>, b: KindDescriptor<BaseSummary>): boolean {
  return a === b || (a.id === b.id && kindById(b.id) !== undefined);
}

/**
 * The kind's index over a reflector's store, built on first use and then kept in step with it; made
 * again when the descriptor changes (a custom kind's CRD) or a summary failed.
 */
export function listIndexFor<S extends BaseSummary>(
  store: ObjectStore<KubeObject>,
  kind: KindDescriptor<S>,
): ListIndex<S> {
  const map = indexes();
  const hit = map.get(store);
  if (hit && sameKind(hit.kind, kind as unknown as KindDescriptor<BaseSummary>) && !hit.failed) {
    return hit as unknown as ListIndex<S>;
  }
  hit?.detach();
  const made = new ListIndex<S>(kind, store);
  map.set(store, made as unknown as ListIndex<BaseSummary>);
  return made;
}
