import 'server-only';

// A bounded ring of the last `capacity` events, numbered by one increasing sequence. A reconnecting
// stream asks for everything after the id it last saw; when some of that was already overwritten (or
// the id is not one this ring handed out) the answer is "resync" and the client refetches its lists.

export interface Sequenced<T> {
  id: number;
  event: T;
}

export type Replay<T> = { ok: true; events: Sequenced<T>[] } | { ok: false };

export class EventRing<T> {
  private readonly slots: (Sequenced<T> | undefined)[];
  private seq = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.slots = new Array<Sequenced<T> | undefined>(capacity);
  }

  /** The id of the newest event (0 before the first). */
  get lastId(): number {
    return this.seq;
  }

  /** The id of the oldest event still held. */
  get oldestId(): number {
    return Math.max(1, this.seq - this.capacity + 1);
  }

  push(event: T): Sequenced<T> {
    const entry = { id: ++this.seq, event };
    this.slots[entry.id % this.capacity] = entry;
    return entry;
  }

  /** Events with id > afterId, oldest first; ok:false when any of them is gone or afterId is unknown. */
  since(afterId: number): Replay<T> {
    if (!Number.isSafeInteger(afterId) || afterId < 0 || afterId > this.seq) return { ok: false };
    if (afterId + 1 < this.oldestId) return { ok: false };
    const events: Sequenced<T>[] = [];
    for (let id = afterId + 1; id <= this.seq; id++) {
      const entry = this.slots[id % this.capacity];
      if (entry?.id === id) events.push(entry);
    }
    return { ok: true, events };
  }
}
