import 'server-only';

// A sorted list kept as a list of sorted chunks of at most 512 entries (the layout of Python's
// sortedcontainers.SortedList): an insert or a delete is a binary search over the chunks' last
// entries, one inside the chunk and a splice of at most 512 entries; position i is found by summing
// chunk sizes (n / 512 additions: 200 at 100,000). Each chunk may also count its entries per group
// (the namespace), so "skip the first k entries of these namespaces" passes over whole chunks, and a
// walk for a person who reads a few namespaces passes over the chunks that hold none of theirs.
// ADR 0024 says why this and not a B+tree or skip list from npm.

const CHUNK = 512;

interface Chunk<E> {
  items: E[];
  /** Entries per group; only when the list was made with a group function. */
  groups?: Map<string, number>;
}

/** Where a walk stands: chunk c, item i. */
export interface Cursor {
  c: number;
  i: number;
}

export type Direction = 1 | -1;

export class SortedChunks<E> {
  private chunks: Chunk<E>[] = [];
  private count = 0;
  private readonly min: number;

  /** `max`: entries per chunk before it splits (tests make it small to exercise splits and merges). */
  constructor(
    private readonly cmp: (a: E, b: E) => number,
    private readonly group?: (e: E) => string,
    private readonly max = CHUNK,
  ) {
    this.min = Math.max(1, max >> 2);
  }

  get size(): number {
    return this.count;
  }

  /** Replaces the contents with `sorted` (already in this list's order): the initial build, O(n). */
  load(sorted: readonly E[]): void {
    this.chunks = [];
    for (let i = 0; i < sorted.length; i += this.max) this.chunks.push(this.chunkOf(sorted.slice(i, i + this.max)));
    this.count = sorted.length;
  }

  insert(e: E): void {
    this.count++;
    if (!this.chunks.length) {
      this.chunks.push(this.chunkOf([e]));
      return;
    }
    const c = this.chunkFor(e);
    const chunk = this.chunks[c]!;
    chunk.items.splice(bound(chunk.items, e, this.cmp, true), 0, e);
    this.countGroup(chunk, e, 1);
    if (chunk.items.length > this.max) {
      const half = chunk.items.length >> 1;
      this.chunks.splice(c, 1, this.chunkOf(chunk.items.slice(0, half)), this.chunkOf(chunk.items.slice(half)));
    }
  }

  /** Removes the entry that compares equal to `e` (the order is total); false when there is none. */
  remove(e: E): boolean {
    if (!this.chunks.length) return false;
    const c = this.chunkFor(e);
    const chunk = this.chunks[c]!;
    const i = bound(chunk.items, e, this.cmp, false);
    if (i >= chunk.items.length || this.cmp(chunk.items[i]!, e) !== 0) return false;
    chunk.items.splice(i, 1);
    this.countGroup(chunk, e, -1);
    this.count--;
    if (!chunk.items.length) this.chunks.splice(c, 1);
    else if (chunk.items.length < this.min && this.chunks.length > 1) this.mergeAround(c);
    return true;
  }

  /** The cursor at position `pos` counted in `dir` (0 = first entry walking that way). */
  cursorAt(pos: number, dir: Direction): Cursor | undefined {
    if (pos < 0 || pos >= this.count) return undefined;
    let left = pos;
    const n = this.chunks.length;
    for (let k = 0; k < n; k++) {
      const c = dir === 1 ? k : n - 1 - k;
      const len = this.chunks[c]!.items.length;
      if (left < len) return { c, i: dir === 1 ? left : len - 1 - left };
      left -= len;
    }
    return undefined;
  }

  /**
   * The cursor after skipping `skip` entries whose group is in `groups`, walking in `dir`; the walk
   * passes over whole chunks by their group counts. Undefined when fewer remain.
   */
  cursorAfterGroups(skip: number, groups: ReadonlySet<string>, dir: Direction): Cursor | undefined {
    let left = skip;
    const n = this.chunks.length;
    for (let k = 0; k < n; k++) {
      const c = dir === 1 ? k : n - 1 - k;
      const chunk = this.chunks[c]!;
      const inChunk = this.groupCount(chunk, groups);
      if (left >= inChunk) {
        left -= inChunk;
        continue;
      }
      const len = chunk.items.length;
      for (let j = 0; j < len; j++) {
        const i = dir === 1 ? j : len - 1 - j;
        if (!groups.has(this.group!(chunk.items[i]!))) continue;
        if (left-- === 0) return { c, i };
      }
    }
    return undefined;
  }

  /** The first cursor walking in `dir`. */
  start(dir: Direction): Cursor | undefined {
    return this.cursorAt(0, dir);
  }

  /**
   * Calls `visit` for each entry from `from` on in `dir` until it returns false. With `groups`, chunks
   * holding no entry of those groups are passed over (entries are still offered to `visit` as they are).
   */
  walk(from: Cursor | undefined, dir: Direction, visit: (e: E) => boolean, groups?: ReadonlySet<string>): void {
    if (!from) return;
    let { c, i } = from;
    while (c >= 0 && c < this.chunks.length) {
      const chunk = this.chunks[c]!;
      if (!groups || this.groupCount(chunk, groups) > 0) {
        const items = chunk.items;
        for (; i >= 0 && i < items.length; i += dir) if (!visit(items[i]!)) return;
      }
      c += dir;
      i = dir === 1 ? 0 : (this.chunks[c]?.items.length ?? 0) - 1;
    }
  }

  /** The entry under a cursor. */
  get(cur: Cursor): E | undefined {
    return this.chunks[cur.c]?.items[cur.i];
  }

  /** The cursor one step on in `dir`; undefined past the end. */
  next(cur: Cursor, dir: Direction): Cursor | undefined {
    const i = cur.i + dir;
    if (i >= 0 && i < (this.chunks[cur.c]?.items.length ?? 0)) return { c: cur.c, i };
    const c = cur.c + dir;
    const chunk = this.chunks[c];
    return chunk ? { c, i: dir === 1 ? 0 : chunk.items.length - 1 } : undefined;
  }

  /** The entry at position `pos` in `dir`. */
  at(pos: number, dir: Direction = 1): E | undefined {
    const cur = this.cursorAt(pos, dir);
    return cur && this.chunks[cur.c]!.items[cur.i];
  }

  toArray(): E[] {
    return this.chunks.flatMap((c) => c.items);
  }

  private chunkFor(e: E): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const items = this.chunks[mid]!.items;
      if (this.cmp(items[items.length - 1]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private mergeAround(c: number): void {
    const left = c > 0 ? c - 1 : c;
    const merged = [...this.chunks[left]!.items, ...this.chunks[left + 1]!.items];
    if (merged.length > this.max) {
      const half = merged.length >> 1;
      this.chunks.splice(left, 2, this.chunkOf(merged.slice(0, half)), this.chunkOf(merged.slice(half)));
    } else this.chunks.splice(left, 2, this.chunkOf(merged));
  }

  private chunkOf(items: E[]): Chunk<E> {
    const chunk: Chunk<E> = { items };
    if (this.group) {
      chunk.groups = new Map();
      for (const e of items) this.countGroup(chunk, e, 1);
    }
    return chunk;
  }

  private countGroup(chunk: Chunk<E>, e: E, by: 1 | -1): void {
    if (!chunk.groups || !this.group) return;
    const g = this.group(e);
    const next = (chunk.groups.get(g) ?? 0) + by;
    if (next) chunk.groups.set(g, next);
    else chunk.groups.delete(g);
  }

  /** Entries of `groups` in the chunk: by whichever of the two maps is smaller. */
  private groupCount(chunk: Chunk<E>, groups: ReadonlySet<string>): number {
    const counts = chunk.groups;
    if (!counts) throw new Error('SortedChunks: made without a group function');
    let sum = 0;
    if (groups.size < counts.size) for (const g of groups) sum += counts.get(g) ?? 0;
    else for (const [g, n] of counts) if (groups.has(g)) sum += n;
    return sum;
  }
}

/** The first index whose entry is ≥ e (lower bound), or > e with `after` (upper bound). */
function bound<E>(items: readonly E[], e: E, cmp: (a: E, b: E) => number, after: boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = cmp(items[mid]!, e);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
