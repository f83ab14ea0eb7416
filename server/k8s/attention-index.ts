import 'server-only';

import {
  ATTENTION_CATEGORIES,
  categoryOf,
  compareAttention,
  type AttentionCategory,
  type AttentionItem,
} from '@/lib/k8s/status/attention';
import type { KubeObject } from '@/lib/k8s/object';
import type { ChangeType } from '@/server/k8s/reflector';
import { ObjectStore } from '@/server/k8s/store';

// "Needs attention" for one kind, kept up to date from the shared cache's watch events (ADR 0023):
// each event runs the kind's rule (lib/k8s/status/attention.ts) on that one object, so a request
// never re-derives the cluster. The index holds only the flagged objects' items and per-namespace
// tallies; a person's answer walks the namespaces (counts) and the flagged items (top N) they may read.

export type Readable = 'all' | ReadonlySet<string>;

interface Tally {
  /** Objects of the kind in the namespace (counted only for workload kinds). */
  objects: number;
  byCategory: Record<AttentionCategory, number>;
}

export interface KindTally {
  counts: Record<AttentionCategory, number>;
  objects: number;
  /** Per readable namespace: objects and non-info items. */
  namespaces: Map<string, { objects: number; attention: number }>;
}

const zero = (): Record<AttentionCategory, number> =>
  Object.fromEntries(ATTENTION_CATEGORIES.map((c) => [c, 0])) as Record<AttentionCategory, number>;

const sameItem = (a: AttentionItem, b: AttentionItem) =>
  a.severity === b.severity && a.title === b.title && a.detail === b.detail && a.createdAt === b.createdAt;

const MEMO_ENTRIES = 32;

export class AttentionIndex {
  /** Bumped on every change that alters an answer (not on every event). */
  version = 0;
  private readonly items = new Map<string, AttentionItem>();
  private readonly tallies = new Map<string, Tally>();
  private readonly memo = new Map<string, AttentionItem[][]>();
  private memoVersion = -1;

  constructor(
    private readonly rule: (obj: KubeObject) => AttentionItem | undefined,
    /** Count objects per namespace (the Overview's workloads per namespace). */
    private readonly countObjects = false,
  ) {}

  /** Applies one watch event (the reflector's onChange signature: `obj` is the old object on DELETED). */
  apply(type: ChangeType, obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    const key = ObjectStore.keyOf(obj.metadata.namespace, obj.metadata.name);
    const before = this.items.get(key);
    const next = type === 'DELETED' ? undefined : this.rule(obj);
    let changed = false;
    if (this.countObjects && type !== 'MODIFIED') {
      this.tally(ns).objects += type === 'ADDED' ? 1 : -1;
      changed = true;
    }
    if (before && next && sameItem(before, next)) {
      if (changed) this.touch(ns);
      return;
    }
    if (before) {
      this.tally(ns).byCategory[categoryOf(before)]--;
      this.items.delete(key);
      changed = true;
    }
    if (next) {
      this.tally(ns).byCategory[categoryOf(next)]++;
      this.items.set(key, next);
      changed = true;
    }
    if (changed) this.touch(ns);
  }

  /** Namespaces holding objects (workload kinds) or flagged items: the only ones worth an access review. */
  namespaces(): string[] {
    return [...this.tallies.keys()];
  }

  /** Flagged objects held (all namespaces). */
  get flagged(): number {
    return this.items.size;
  }

  /** Counts per category, objects and per-namespace figures over the namespaces `readable` allows. */
  summary(readable: Readable): KindTally {
    const out: KindTally = { counts: zero(), objects: 0, namespaces: new Map() };
    for (const [name, t] of this.tallies) {
      if (readable !== 'all' && !readable.has(name)) continue;
      let attention = 0;
      for (const c of ATTENTION_CATEGORIES) {
        out.counts[c] += t.byCategory[c];
        if (c !== 'rolling') attention += t.byCategory[c];
      }
      out.objects += t.objects;
      out.namespaces.set(name, { objects: t.objects, attention });
    }
    return out;
  }

  private tally(ns: string): Tally {
    let t = this.tallies.get(ns);
    if (!t) this.tallies.set(ns, (t = { objects: 0, byCategory: zero() }));
    return t;
  }

  /** The first `n` items of each category in the readable namespaces (compareAttention order). */
  top(readable: Readable, n: number): Record<AttentionCategory, AttentionItem[]> {
    if (this.memoVersion !== this.version) {
      this.memo.clear();
      this.memoVersion = this.version;
    }
    const sig = `${n}|${readable === 'all' ? '*' : [...readable].sort().join(',')}`;
    let lists = this.memo.get(sig);
    if (!lists) {
      const by = new Map<AttentionCategory, AttentionItem[]>(ATTENTION_CATEGORIES.map((c) => [c, []]));
      for (const item of this.items.values()) {
        if (readable !== 'all' && !readable.has(item.namespace ?? '')) continue;
        by.get(categoryOf(item))!.push(item);
      }
      lists = ATTENTION_CATEGORIES.map((c) => firstN(by.get(c)!, n));
      if (this.memo.size >= MEMO_ENTRIES) this.memo.delete(this.memo.keys().next().value!);
      this.memo.set(sig, lists);
    }
    return Object.fromEntries(ATTENTION_CATEGORIES.map((c, i) => [c, lists[i]])) as Record<
      AttentionCategory,
      AttentionItem[]
    >;
  }

  private touch(ns: string): void {
    this.version++;
    const t = this.tallies.get(ns);
    if (t && t.objects <= 0 && ATTENTION_CATEGORIES.every((c) => t.byCategory[c] === 0)) this.tallies.delete(ns);
  }
}

/** The first n of `items` in compareAttention order, without sorting all of them when n is small. */
export function firstN(items: AttentionItem[], n: number): AttentionItem[] {
  if (items.length <= n * 4) return items.sort(compareAttention).slice(0, n);
  const out: AttentionItem[] = [];
  for (const item of items) {
    const last = out[n - 1];
    if (last && compareAttention(item, last) >= 0) continue;
    let i = out.length;
    while (i > 0 && compareAttention(item, out[i - 1]!) < 0) i--;
    out.splice(i, 0, item);
    if (out.length > n) out.pop();
  }
  return out;
}
