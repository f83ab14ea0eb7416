import 'server-only';

// An in-memory object store keyed by "namespace/name" with secondary indexes (namespace, owner, node)
// maintained on every write, so that "pods of this ReplicaSet" or "pods on this node" never scan.

export interface StoredMeta {
  namespace?: string;
  name: string;
  uid: string;
  resourceVersion: string;
}

export type IndexFn<T> = (obj: T) => readonly string[];

/** Told of every write, after the store holds it (the ordered list indexes follow the store: ADR 0024). */
export interface StoreObserver<T> {
  upserted(key: string, obj: T, old: T | undefined): void;
  deleted(key: string, old: T): void;
  cleared(): void;
}

export class ObjectStore<T> {
  private readonly objects = new Map<string, T>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly observers = new Set<StoreObserver<T>>();

  constructor(
    private readonly meta: (obj: T) => StoredMeta,
    private readonly indexFns: Record<string, IndexFn<T>> = {},
  ) {
    for (const name of Object.keys(indexFns)) this.indexes.set(name, new Map());
  }

  static keyOf(namespace: string | undefined, name: string): string {
    return namespace ? `${namespace}/${name}` : name;
  }

  key(obj: T): string {
    const m = this.meta(obj);
    return ObjectStore.keyOf(m.namespace, m.name);
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  values(): IterableIterator<T> {
    return this.objects.values();
  }

  keys(): IterableIterator<string> {
    return this.objects.keys();
  }

  /** Keys under one index value, e.g. byIndex('namespace', 'shop-frontend'). */
  byIndex(index: string, value: string): T[] {
    const keys = this.indexes.get(index)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.objects.get(k);
      if (o !== undefined) out.push(o);
    }
    return out;
  }

  indexValues(index: string): string[] {
    return [...(this.indexes.get(index)?.keys() ?? [])];
  }

  /** Follows every later write; returns the function that stops it. */
  observe(observer: StoreObserver<T>): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Inserts or replaces; returns the previous object. */
  upsert(obj: T): T | undefined {
    const key = this.key(obj);
    const old = this.objects.get(key);
    if (old !== undefined) this.unindex(key, old);
    this.objects.set(key, obj);
    this.index(key, obj);
    for (const o of this.observers) o.upserted(key, obj, old);
    return old;
  }

  delete(key: string): T | undefined {
    const old = this.objects.get(key);
    if (old === undefined) return undefined;
    this.unindex(key, old);
    this.objects.delete(key);
    for (const o of this.observers) o.deleted(key, old);
    return old;
  }

  clear(): void {
    this.objects.clear();
    for (const idx of this.indexes.values()) idx.clear();
    for (const o of this.observers) o.cleared();
  }

  private index(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.indexFns)) {
      const idx = this.indexes.get(name);
      if (!idx) continue;
      for (const v of fn(obj)) {
        let set = idx.get(v);
        if (!set) idx.set(v, (set = new Set()));
        set.add(key);
      }
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.indexFns)) {
      const idx = this.indexes.get(name);
      if (!idx) continue;
      for (const v of fn(obj)) {
        const set = idx.get(v);
        set?.delete(key);
        if (set?.size === 0) idx.delete(v);
      }
    }
  }
}
