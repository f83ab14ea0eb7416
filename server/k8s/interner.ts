import 'server-only';

/**
 * Values that repeat across pods held once (ADR 0027). Strings: JSON.parse makes a new copy of every
 * string longer than a few characters, so 100,000 pods of 1,000 namespaces would otherwise hold 100,000
 * copies of the namespace names, node names and images. Structures: the replicas of one workload have
 * equal labels, owner references, containers, volumes and (while healthy) conditions and container
 * states; each such value is kept once, frozen (a shared value must never change under another pod).
 * Bounded: when a table is full it starts again (values already shared stay shared; only later
 * arrivals miss), so churn cannot grow it.
 *
 * Structures are found by a 32-bit hash of their contents, then compared in depth with the values of
 * that hash (ADR 0027, amendment "Hash and compare"): a JSON key cost a string of the whole value per
 * lookup, most of the transform's time and garbage on a cold list.
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  /** Shared values by hash; more than one only when different values' hashes collide. */
  private readonly values = new Map<number, unknown[]>();
  private valueCount = 0;
  constructor(
    private readonly maxStrings = 100_000,
    private readonly maxValues = 50_000,
    /** Replaceable only so a test can make every value collide. */
    private readonly hash: (v: unknown) => number = hashValue,
  ) {}

  get size(): number {
    return this.strings.size + this.valueCount;
  }

  of<T extends string | undefined>(s: T): T {
    if (s === undefined) return s;
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit as T;
    if (this.strings.size >= this.maxStrings) this.strings.clear();
    this.strings.set(s, s);
    return s;
  }

  /** One frozen copy of an equal value: same keys in the same order, same primitives (`sameValue`). */
  shared<T>(v: T): T {
    const h = this.hash(v);
    const bucket = this.values.get(h);
    if (bucket) {
      for (const x of bucket) if (sameValue(x, v)) return x as T;
    }
    if (this.valueCount >= this.maxValues) this.clearValues();
    else if (bucket) {
      bucket.push(deepFreeze(v));
      this.valueCount++;
      return v;
    }
    this.values.set(h, [deepFreeze(v)]);
    this.valueCount++;
    return v;
  }

  private clearValues(): void {
    this.values.clear();
    this.valueCount = 0;
  }

  record(r: unknown): Record<string, string> | undefined {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return undefined;
    const out: Record<string, string> = {};
    for (const k in r) {
      const v = (r as Record<string, unknown>)[k];
      if (typeof v === 'string') out[this.of(k)] = this.of(v);
    }
    return out;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const mix = (h: number, x: number) => Math.imul(h ^ x, FNV_PRIME);

/** FNV-1a over a value's structure and contents. Equal values (sameValue) hash equal; the rest rarely do. */
export function hashValue(v: unknown, h = FNV_OFFSET): number {
  switch (typeof v) {
    case 'string':
      h = mix(h, 1);
      for (let k = 0; k < v.length; k++) h = mix(h, v.charCodeAt(k));
      return mix(h, v.length);
    case 'number':
      return mix(mix(h, 2), v | 0);
    case 'boolean':
      return mix(h, v ? 3 : 4);
    case 'undefined':
      return mix(h, 5);
    case 'object':
      if (v === null) return mix(h, 6);
      if (Array.isArray(v)) {
        h = mix(h, 7);
        for (const x of v) h = hashValue(x, h);
        return mix(h, v.length);
      }
      h = mix(h, 8);
      // for…in: the own keys of a plain object in Object.keys order, without an array per object.
      for (const k in v) h = hashValue((v as Record<string, unknown>)[k], hashValue(k, h));
      return mix(h, 9);
    default:
      return mix(h, 10);
  }
}

/**
 * Deep equality of the plain values the compact transform builds: arrays item by item, objects by
 * their own keys in order (as JSON.stringify would write them), primitives by ===. Stricter than JSON
 * equality where JSON loses information: a key set to undefined is not a missing key.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // for…in walks a's keys in Object.keys order; b's keys are read once to compare the order.
  const keys = Object.keys(b);
  let n = 0;
  for (const key in a) {
    if (key !== keys[n++]) return false;
    if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return n === keys.length;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
