import 'server-only';

// A small bounded cache of promises with per-entry expiry. Concurrent callers of one key share the
// one request in flight (a page opening three charts at once, or ten people on one workload, cost
// Prometheus one query each); failures are not cached, so a Prometheus that comes back is seen on
// the next request. Neither are answers `keep` rejects (the metrics service drops empty ones: a
// chart that is empty because Prometheus just started fills as soon as the data is there).

interface Entry<V> {
  value: Promise<V>;
  expires: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly maxEntries: number) {}

  get(
    key: string,
    ttlMs: number,
    load: () => Promise<V>,
    now = Date.now(),
    keep: (value: V) => boolean = () => true,
  ): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = load();
    this.entries.set(key, { value, expires: now + ttlMs });
    const forget = () => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    };
    value.then((v) => {
      if (!keep(v)) forget();
    }, forget);
    this.evict(now);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(now: number): void {
    if (this.entries.size <= this.maxEntries) return;
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    // Insertion order: the oldest entries go first.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
