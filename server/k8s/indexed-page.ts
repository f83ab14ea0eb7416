import 'server-only';

import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import { TEXT_SEPARATOR, type IndexEntry, type ListIndex, type Order } from '@/server/k8s/list-index';
import { sortOf, type ListPage, type ListQuery } from '@/server/k8s/list-query';
import type { Cursor, Direction, SortedChunks } from '@/server/k8s/sorted-chunks';

// A page read from the ordered indexes (ADR 0024). The answer is the one selectPage gives for the
// same objects (the unit tests compare them on random data); only the cost differs:
// - no label selector and no text: the total is counted per namespace and the walk starts at the
//   offset (all namespaces: a position; a few: a selection across their lists; many: whole chunks
//   passed over by their namespace counts), then stops after `limit` entries;
// - a label selector or text: every object in scope is tested (the total must be exact): the text by
//   String.indexOf over the index's joined texts (or, for a few namespaces, over their own entries),
//   then the page is taken from the matches: sorted when they are few, else by walking the order and
//   keeping the matched entries until the page is full.

/** Namespaces whose objects may appear: 'all' (cluster-scoped objects included) or a set of names. */
export type NamespaceScope = 'all' | ReadonlySet<string>;

/** Up to this many namespaces are merged one list each; more are read from the whole kind's list. */
export const MERGE_MAX = 64;

/**
 * A text search reads the joined texts of the whole kind when the scope holds at least 1/this of it;
 * a smaller scope (a developer's few namespaces) tests its own entries one by one instead.
 */
export const FEW_NAMESPACES_SHARE = 8;

type Visit<S> = (e: IndexEntry<S>) => boolean;

interface Source<S> {
  total: number;
  /** Visits entries in order from the `skip`-th on, until `visit` returns false. */
  walk(skip: number, visit: Visit<S>): void;
}

export function selectIndexedPage<S extends BaseSummary>(
  index: ListIndex<S>,
  query: ListQuery,
  matchLabels: (labels: Record<string, string>) => boolean,
  scope: NamespaceScope,
): ListPage<S> {
  const order = index.order(sortOf(index.kind, query).key);
  const dir: Direction = query.order === 'desc' ? -1 : 1;
  const source = sourceOf(index, order, scope, dir);
  const { offset, limit } = query;
  const items: S[] = [];
  const text = query.q.toLowerCase();
  if (!text && !query.labelSelector.trim()) {
    if (offset < source.total) source.walk(offset, (e) => items.push(e.s) < limit);
    return { items, total: source.total, offset, limit };
  }
  const matches = matching(index, order, scope, text, matchLabels);
  const total = matches.length;
  if (offset < total) pageOf(matches, source, order, dir, offset, limit, index.nextMark(), items);
  return { items, total, offset, limit };
}

/**
 * The entries of the scope that match the text and the labels, in no particular order. Text over all
 * namespaces (or most of them) is found by searching the index's joined block texts; a few namespaces
 * are read from their own lists and each entry tested.
 */
function matching<S extends BaseSummary>(
  index: ListIndex<S>,
  order: Order<S>,
  scope: NamespaceScope,
  text: string,
  matchLabels: (labels: Record<string, string>) => boolean,
): IndexEntry<S>[] {
  const out: IndexEntry<S>[] = [];
  const inScope = (e: IndexEntry<S>) => scope === 'all' || scope.has(e.ns);
  const test = (e: IndexEntry<S>) => {
    if (inScope(e) && (!text || e.text.includes(text)) && matchLabels(e.labels)) out.push(e);
    return true;
  };
  const scopeSize = scope === 'all' ? index.size : [...scope].reduce((n, ns) => n + index.countIn(ns), 0);
  if (text && !text.includes(TEXT_SEPARATOR) && scopeSize * FEW_NAMESPACES_SHARE >= index.size) {
    index.searchText(text, (e) => {
      if (inScope(e) && matchLabels(e.labels)) out.push(e);
    });
  } else if (scope === 'all') {
    for (const e of index.entriesInSlots()) test(e);
  } else {
    for (const ns of scope) {
      const list = order.byNs.get(ns);
      list?.walk(list.start(1), 1, test);
    }
  }
  return out;
}

/**
 * Fills `items` with the matches at positions offset… in the order: by sorting the matches when they
 * are few, or by walking the order and taking the marked ones when they are many (then the page fills
 * after about (offset + limit) × scope / matches entries). Either gives the same page: the order is total.
 */
function pageOf<S extends BaseSummary>(
  matches: IndexEntry<S>[],
  source: Source<S>,
  order: Order<S>,
  dir: Direction,
  offset: number,
  limit: number,
  mark: number,
  items: S[],
): void {
  const m = matches.length;
  const sortCost = m * Math.log2(m + 1);
  const walkCost = Math.min(source.total, ((offset + limit) * source.total) / m);
  if (sortCost <= walkCost) {
    matches.sort(dir === 1 ? order.cmp : (a, b) => order.cmp(b, a));
    for (const e of matches.slice(offset, offset + limit)) items.push(e.s);
    return;
  }
  for (const e of matches) e.mark = mark;
  let seen = 0;
  source.walk(0, (e) => {
    if (e.mark !== mark) return true;
    if (seen++ < offset) return true;
    return items.push(e.s) < limit;
  });
}

function sourceOf<S extends BaseSummary>(
  index: ListIndex<S>,
  order: Order<S>,
  scope: NamespaceScope,
  dir: Direction,
): Source<S> {
  const all = order.all;
  if (scope === 'all') {
    return { total: all.size, walk: (skip, visit) => all.walk(all.cursorAt(skip, dir), dir, visit) };
  }
  let total = 0;
  for (const ns of scope) total += index.countIn(ns);
  if (scope.size > MERGE_MAX) {
    return {
      total,
      walk: (skip, visit) =>
        all.walk(all.cursorAfterGroups(skip, scope, dir), dir, (e) => !scope.has(e.ns) || visit(e), scope),
    };
  }
  const lists: SortedChunks<IndexEntry<S>>[] = [];
  for (const ns of scope) {
    const sub = order.byNs.get(ns);
    if (sub?.size) lists.push(sub);
  }
  const cmp = dir === 1 ? order.cmp : (a: IndexEntry<S>, b: IndexEntry<S>) => order.cmp(b, a);
  return { total, walk: (skip, visit) => merge(lists, skipAcross(lists, skip, dir, cmp), dir, cmp, visit) };
}

/**
 * How many entries of each list come among the first `skip` of their union, without walking them:
 * each round takes t = skip left / lists left entries from the list whose t-th is smallest (all of
 * them rank within the skip: fewer than t entries of any other list come before it).
 */
export function skipAcross<E>(
  lists: readonly SortedChunks<E>[],
  skip: number,
  dir: Direction,
  cmp: (a: E, b: E) => number,
): number[] {
  const taken = lists.map(() => 0);
  let left = skip;
  while (left > 0) {
    let active = 0;
    for (let i = 0; i < lists.length; i++) if (taken[i]! < lists[i]!.size) active++;
    if (!active) break;
    const t = Math.max(1, Math.floor(left / active));
    let best = -1;
    let bestEntry: E | undefined;
    let bestStep = 0;
    for (let i = 0; i < lists.length; i++) {
      const remaining = lists[i]!.size - taken[i]!;
      if (remaining <= 0) continue;
      const step = Math.min(t, remaining);
      const e = lists[i]!.at(taken[i]! + step - 1, dir)!;
      if (best < 0 || cmp(e, bestEntry!) < 0) [best, bestEntry, bestStep] = [i, e, step];
    }
    taken[best]! += bestStep;
    left -= bestStep;
  }
  return taken;
}

interface Head<E> {
  list: SortedChunks<E>;
  cur: Cursor;
  e: E;
}

/** k-way merge of the lists from the given starting positions, with a binary heap of their heads. */
function merge<E>(
  lists: readonly SortedChunks<E>[],
  starts: readonly number[],
  dir: Direction,
  cmp: (a: E, b: E) => number,
  visit: (e: E) => boolean,
): void {
  const heap: Head<E>[] = [];
  const less = (a: Head<E>, b: Head<E>) => cmp(a.e, b.e) < 0;
  const push = (h: Head<E>) => {
    heap.push(h);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const siftDown = () => {
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  lists.forEach((list, i) => {
    const cur = list.cursorAt(starts[i]!, dir);
    const e = cur && list.get(cur);
    if (cur && e !== undefined) push({ list, cur, e });
  });
  while (heap.length) {
    const top = heap[0]!;
    if (!visit(top.e)) return;
    const cur = top.list.next(top.cur, dir);
    const e = cur && top.list.get(cur);
    if (cur && e !== undefined) {
      top.cur = cur;
      top.e = e;
    } else {
      const last = heap.pop()!;
      if (!heap.length) return;
      heap[0] = last;
    }
    siftDown();
  }
}
