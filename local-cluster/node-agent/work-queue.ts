// A keyed work queue with bounded concurrency and one shared timer for delayed work, after
// client-go's workqueue (https://github.com/kubernetes/client-go/tree/master/util/workqueue):
// a key is queued at most once, a key being processed is never processed twice at the same
// time (it is re-queued when added meanwhile), and 10k delayed keys cost one timer, not 10k.

export type Handler = (key: string) => Promise<void>;

interface Delayed {
  at: number;
  key: string;
}

/** Binary min-heap of delayed keys by due time. */
class DelayHeap {
  private readonly items: Delayed[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Delayed | undefined {
    return this.items[0];
  }

  push(item: Delayed): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.at <= a[i]!.at) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): Delayed | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.at < a[m]!.at) m = l;
        if (r < a.length && a[r]!.at < a[m]!.at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private head = 0;
  private readonly queued = new Set<string>();
  private readonly active = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly delayed = new DelayHeap();
  /** The earliest due time per delayed key; heap entries that disagree are stale. */
  private readonly dueAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly handler: Handler,
    private readonly concurrency = 20,
    private readonly now: () => number = Date.now,
  ) {}

  get depth(): number {
    return this.queued.size;
  }

  get inFlight(): number {
    return this.active.size;
  }

  get pendingDelayed(): number {
    return this.dueAt.size;
  }

  add(key: string): void {
    if (this.stopped) return;
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.pump();
  }

  /** Adds the key at `at` (epoch ms); an earlier pending time for the same key wins. */
  addAt(key: string, at: number): void {
    if (this.stopped) return;
    if (at <= this.now()) return this.add(key);
    const existing = this.dueAt.get(key);
    if (existing !== undefined && existing <= at) return;
    this.dueAt.set(key, at);
    this.delayed.push({ at, key });
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private arm(): void {
    const top = this.delayed.peek();
    if (!top || top.at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = top.at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, top.at - this.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.now();
    for (let top = this.delayed.peek(); top && top.at <= now; top = this.delayed.peek()) {
      this.delayed.pop();
      if (this.dueAt.get(top.key) !== top.at) continue;
      this.dueAt.delete(top.key);
      this.add(top.key);
    }
    this.arm();
  }

  private next(): string | undefined {
    const key = this.queue[this.head];
    if (key === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return key;
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.concurrency) {
      const key = this.next();
      if (key === undefined) return;
      this.queued.delete(key);
      this.active.add(key);
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    try {
      await this.handler(key);
    } catch {
      // The handler owns retries (it calls addAt); a throw must not wedge the queue.
    } finally {
      this.active.delete(key);
      if (this.dirty.delete(key)) this.add(key);
      this.pump();
    }
  }
}
