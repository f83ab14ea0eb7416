import 'server-only';

// A bounded LRU of promises with a TTL counted from when each settles, for reads made as a person:
// concurrent callers of one key share one request (single flight); failures are dropped at once, so
// the next caller tries again. Keys should be JSON arrays, so that no user or group name can make two
// identities share an entry. (The TLS, custom-resource and Secret person readers have the same need.)

export type CacheOutcome = 'hit' | 'shared' | 'miss';

export class SingleFlightCache<T> {
  private readonly entries = new Map<string, { expires: number; value: Promise<T> }>();

  constructor(private readonly settings: { ttlMs: number; maxEntries: number }) {}

  get(key: string, load: () => Promise<T>, now = Date.now()): { value: Promise<T>; outcome: CacheOutcome } {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      this.entries.delete(key); // re-insert: Map order is the LRU order
      this.entries.set(key, hit);
      return { value: hit.value, outcome: hit.expires === Infinity ? 'shared' : 'hit' };
    }
    // In flight until it settles (expires = Infinity), then reused for ttlMs from that moment.
    const entry = { expires: Infinity, value: load() };
    this.entries.set(key, entry);
    while (this.entries.size > this.settings.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    entry.value.then(
      () => (entry.expires = Date.now() + this.settings.ttlMs),
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return { value: entry.value, outcome: 'miss' };
  }

  clear(): void {
    this.entries.clear();
  }
}
