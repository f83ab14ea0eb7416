import { describe, expect, it, vi } from 'vitest';

import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { nodesKind } from '@/lib/k8s/kinds/nodes';
import { podsKind } from '@/lib/k8s/kinds/pods';
import type { KubeObject } from '@/lib/k8s/object';
import { seededRandom as random } from '@/lib/testing/seeded-random';
import { MERGE_MAX, selectIndexedPage, type NamespaceScope } from '@/server/k8s/indexed-page';
import { ListIndex, listIndexFor } from '@/server/k8s/list-index';
import { labelMatcher, listQuerySchema, selectPage, type ListQuery } from '@/server/k8s/list-query';
import { ObjectStore } from '@/server/k8s/store';

// Property-style: the ordered indexes must answer exactly what the full filter-sort-slice answers,
// on random objects and random event sequences (fixed seeds, so a failure replays).

const NAMESPACES = 100;
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

let rv = 0;
function randomPod(rnd: () => number, ns: string, name: string): KubeObject {
  // Few distinct values for time, restarts and phase, so that sort keys tie often.
  const second = String(Math.floor(rnd() * 20)).padStart(2, '0');
  return {
    metadata: {
      namespace: ns,
      name,
      uid: `${ns}/${name}`,
      resourceVersion: String(++rv),
      creationTimestamp: `2026-01-01T00:00:${second}Z`,
      labels: { app: pick(rnd, ['web', 'db', 'api']), ...(rnd() < 0.3 ? { tier: pick(rnd, ['a', 'b']) } : {}) },
    },
    spec: { nodeName: pick(rnd, ['n1', 'n2']), containers: [{ name: 'c', image: 'img:1' }] },
    status: {
      phase: pick(rnd, ['Running', 'Pending', 'Succeeded']),
      containerStatuses: [{ name: 'c', ready: rnd() < 0.5, restartCount: Math.floor(rnd() * 3) }],
    },
  };
}

function randomScope(rnd: () => number): NamespaceScope {
  const r = rnd();
  if (r < 0.25) return 'all';
  const size = r < 0.6 ? 1 + Math.floor(rnd() * 4) : r < 0.8 ? MERGE_MAX + 6 : 0;
  const set = new Set<string>();
  while (set.size < size) set.add(`ns-${Math.floor(rnd() * (NAMESPACES + 5))}`);
  return set;
}

function randomQuery(rnd: () => number, kind: KindDescriptor, total: number): ListQuery {
  return listQuerySchema.parse({
    sort: pick(rnd, [...Object.keys(kind.sorts), 'nosuchsort', undefined]),
    order: pick(rnd, ['asc', 'desc']),
    labelSelector: pick(rnd, ['', '', '', 'app=web', 'app!=db', 'tier in (a)', '!tier']),
    q: pick(rnd, ['', '', '', 'web', 'ns-1', 'running', 'n2', 'zzz']),
    limit: pick(rnd, [1, 7, 50, 200]),
    offset: pick(
      rnd,
      [0, 0, 3, Math.floor(rnd() * 80), Math.floor(rnd() * total), total - 1, total + 5].map((n) => Math.max(0, n)),
    ),
  });
}

/** The reference: selectPage over the objects of the scope, in the store's order. */
function naive<S extends BaseSummary>(
  kind: KindDescriptor<S>,
  store: ObjectStore<KubeObject>,
  q: ListQuery,
  scope: NamespaceScope,
) {
  const objects = [...store.values()].filter(
    (o) => scope === 'all' || (o.metadata.namespace !== undefined && scope.has(o.metadata.namespace)),
  );
  return selectPage(kind, objects, q, labelMatcher(q.labelSelector), () => true);
}

const idsOf = (page: { items: BaseSummary[]; total: number }) => ({
  total: page.total,
  items: page.items.map((s) => `${s.namespace}/${s.name}@${s.resourceVersion}`),
});

function newStore(): ObjectStore<KubeObject> {
  return new ObjectStore<KubeObject>((o) => o.metadata, {
    namespace: (o) => (o.metadata.namespace ? [o.metadata.namespace] : []),
  });
}

function check<S extends BaseSummary>(
  rnd: () => number,
  kind: KindDescriptor<S>,
  store: ObjectStore<KubeObject>,
  index: ListIndex<S>,
  queries: number,
): void {
  for (let i = 0; i < queries; i++) {
    const q = randomQuery(rnd, kind, store.size);
    const scope = randomScope(rnd);
    const got = selectIndexedPage(index, q, labelMatcher(q.labelSelector), scope);
    const want = naive(kind, store, q, scope);
    expect(idsOf(got), JSON.stringify({ q, scope: scope === 'all' ? scope : [...scope] })).toEqual(idsOf(want));
  }
}

describe('ordered list indexes answer what the full sort answers', () => {
  for (const [seed, chunk] of [
    [1, 8],
    [2, 32],
    [3, undefined],
  ] as const) {
    it(`pods, random events and queries (seed ${seed}, chunk ${chunk ?? 'default'})`, () => {
      const rnd = random(seed);
      const store = newStore();
      for (let i = 0; i < 1500; i++) store.upsert(randomPod(rnd, `ns-${Math.floor(rnd() * NAMESPACES)}`, `p-${i}`));
      // Built over a filled store, then kept in step with it by the store's writes alone.
      const index = new ListIndex(podsKind, store, chunk);
      check(rnd, podsKind, store, index, 60);
      let next = 1500;
      for (let round = 0; round < 12; round++) {
        for (let e = 0; e < 150; e++) {
          const r = rnd();
          const keys = [...store.keys()];
          if (r < 0.35 || !keys.length) {
            store.upsert(randomPod(rnd, `ns-${Math.floor(rnd() * NAMESPACES)}`, `p-${next++}`));
          } else if (r < 0.7) {
            const old = store.get(pick(rnd, keys))!;
            store.upsert(randomPod(rnd, old.metadata.namespace!, old.metadata.name));
          } else if (r < 0.75) {
            // A relist hands back the same version as a new object: nothing to move.
            const old = store.get(pick(rnd, keys))!;
            store.upsert({ ...old });
          } else {
            store.delete(pick(rnd, keys));
          }
        }
        check(rnd, podsKind, store, index, 40);
      }
      expect(index.failed).toBe(false);
      store.clear();
      check(rnd, podsKind, store, index, 5);
      for (let i = 0; i < 40; i++) store.upsert(randomPod(rnd, 'ns-1', `again-${i}`));
      check(rnd, podsKind, store, index, 20);
    });
  }

  it('cluster-scoped objects appear only to those who may list them cluster-wide', () => {
    const rnd = random(9);
    const store = newStore();
    const node = (name: string, version: string): KubeObject => ({
      metadata: { name, uid: name, resourceVersion: String(++rv), labels: { zone: pick(rnd, ['a', 'b']) } },
      status: { nodeInfo: { kubeletVersion: version }, conditions: [{ type: 'Ready', status: 'True' }] },
    });
    for (let i = 0; i < 300; i++) store.upsert(node(`node-${i}`, pick(rnd, ['v1.20.1', 'v1.20.2'])));
    const index = listIndexFor(store, nodesKind);
    const q = listQuerySchema.parse({ sort: 'version', order: 'desc', offset: 120, limit: 30 });
    const page = selectIndexedPage(index, q, () => true, 'all');
    expect(idsOf(page)).toEqual(idsOf(naive(nodesKind, store, q, 'all')));
    expect(page.items).toHaveLength(30);
    expect(selectIndexedPage(index, q, () => true, new Set(['default'])).total).toBe(0);
    // The same store and descriptor give the same index; it followed the new node.
    store.upsert(node('node-new', 'v1.20.3'));
    expect(listIndexFor(store, nodesKind)).toBe(index);
    expect(selectIndexedPage(index, { ...q, offset: 0, limit: 1 }, () => true, 'all').items[0]?.name).toBe('node-new');
  });

  it('a summary that throws turns the index off instead of breaking the store', () => {
    const store = newStore();
    // Summaries are memoised per object: the failing descriptor must meet the object first.
    const broken = {
      ...podsKind,
      id: 'broken',
      toSummary: () => {
        throw new Error('bad object');
      },
    };
    const other = new ListIndex(broken, store);
    const index = listIndexFor(store, podsKind);
    store.upsert(randomPod(random(3), 'ns-1', 'p'));
    expect(other.failed).toBe(true);
    expect(index.failed).toBe(false);
    expect(store.size).toBe(1);
    other.detach();
  });
});

describe('text search over the joined texts of blocks of entries', () => {
  const TEXTS = ['p-1', 'ns-2', 'running', 'n1', 'zzz', '/p-', 'ns-1/p-2', 'pending\nn1', 'P-7', 'e'];

  function compareAll(rnd: () => number, store: ObjectStore<KubeObject>, index: ListIndex<BaseSummary>): void {
    const few = new Set(['ns-1', 'ns-2', 'ns-404']);
    const many = new Set(Array.from({ length: MERGE_MAX + 6 }, (_, i) => `ns-${i}`));
    for (const q of TEXTS) {
      for (const scope of ['all', few, many] as const) {
        for (const offset of [0, 3, 40, 500]) {
          const query = listQuerySchema.parse({
            q,
            offset,
            limit: pick(rnd, [1, 7, 50]),
            sort: pick(rnd, Object.keys(podsKind.sorts)),
            order: pick(rnd, ['asc', 'desc']),
            labelSelector: pick(rnd, ['', '', 'app=web']),
          });
          const got = selectIndexedPage(index, query, labelMatcher(query.labelSelector), scope);
          const want = naive(podsKind as KindDescriptor<BaseSummary>, store, query, scope);
          expect(idsOf(got), JSON.stringify({ q, offset, scope: scope === 'all' ? scope : scope.size })).toEqual(
            idsOf(want),
          );
        }
      }
    }
  }

  it('finds what testing each object finds, across blocks, freed and reused slots and a clear', () => {
    const rnd = random(11);
    const store = newStore();
    for (let i = 0; i < 800; i++) store.upsert(randomPod(rnd, `ns-${Math.floor(rnd() * 40)}`, `p-${i}`));
    // Blocks of 8 slots: a search reads a hundred joined texts, and every event dirties one.
    const index = new ListIndex(podsKind as KindDescriptor<BaseSummary>, store, 16, 8);
    compareAll(rnd, store, index);
    for (let e = 0; e < 400; e++) {
      const keys = [...store.keys()];
      if (rnd() < 0.5) store.delete(pick(rnd, keys));
      else store.upsert(randomPod(rnd, `ns-${Math.floor(rnd() * 40)}`, `p-new-${e}`));
    }
    compareAll(rnd, store, index);
    store.clear();
    for (let i = 0; i < 30; i++) store.upsert(randomPod(rnd, 'ns-1', `again-${i}`));
    compareAll(rnd, store, index);
  });

  it('searches the joined texts for most of the kind and tests a few namespaces entry by entry', () => {
    const rnd = random(12);
    const store = newStore();
    for (let i = 0; i < 400; i++) store.upsert(randomPod(rnd, `ns-${i % 40}`, `p-${i}`));
    const index = new ListIndex(podsKind as KindDescriptor<BaseSummary>, store);
    const search = vi.spyOn(index, 'searchText');
    const query = listQuerySchema.parse({ q: 'p-1' });
    const all = selectIndexedPage(index, query, () => true, 'all');
    expect(search).toHaveBeenCalledTimes(1);
    expect(all.total).toBe(111); // p-1, p-10…p-19, p-100…p-199
    const few = selectIndexedPage(index, query, () => true, new Set(['ns-1', 'ns-2']));
    expect(search).toHaveBeenCalledTimes(1);
    expect(idsOf(few)).toEqual(
      idsOf(naive(podsKind as KindDescriptor<BaseSummary>, store, query, new Set(['ns-1', 'ns-2']))),
    );
    // A separator in the query could join two entries' texts: it is tested entry by entry.
    expect(selectIndexedPage(index, listQuerySchema.parse({ q: 'p-1\n' }), () => true, 'all').total).toBe(0);
    expect(search).toHaveBeenCalledTimes(1);
    expect(() => index.searchText('a\nb', () => undefined)).toThrow();
  });

  it('keeps the matches of recent searches in step with every change, and scans again only for a new text', () => {
    const rnd = random(13);
    const store = newStore();
    for (let i = 0; i < 400; i++) store.upsert(randomPod(rnd, `ns-${i % 40}`, `p-${i}`));
    const index = new ListIndex(podsKind as KindDescriptor<BaseSummary>, store);
    const query = listQuerySchema.parse({ q: 'p-11', sort: 'age' });
    const scans = vi.spyOn(index as unknown as { scanText: () => void }, 'scanText');
    const page = () => idsOf(selectIndexedPage(index, query, () => true, 'all'));
    const truth = () => idsOf(naive(podsKind as KindDescriptor<BaseSummary>, store, query, 'all'));
    expect(page()).toEqual(truth());
    expect(scans).toHaveBeenCalledTimes(1);
    expect(index.keptSearches()).toEqual(['p-11']);
    // New matches, matches gone, matches that no longer match after a change.
    store.upsert(randomPod(rnd, 'ns-3', 'p-11-new'));
    expect(store.delete('ns-30/p-110')).toBeDefined();
    store.upsert(randomPod(rnd, 'ns-31', 'p-111'));
    expect(store.delete('ns-11/p-11')).toBeDefined();
    store.upsert(randomPod(rnd, 'ns-11', 'renamed-11'));
    expect(page()).toEqual(truth());
    expect(scans).toHaveBeenCalledTimes(1);
    // A text matching more than a quarter of the index is not kept: it is scanned each time.
    selectIndexedPage(index, listQuerySchema.parse({ q: 'p-1' }), () => true, 'all');
    expect(index.keptSearches()).toEqual(['p-11']);
    // The most recently asked 16 texts are kept.
    for (let i = 0; i < 20; i++) selectIndexedPage(index, listQuerySchema.parse({ q: `p-2${i}` }), () => true, 'all');
    expect(index.keptSearches()).toHaveLength(16);
    expect(index.keptSearches()).not.toContain('p-11');
    expect(index.keptSearches().at(-1)).toBe('p-219');
    store.clear();
    expect(index.keptSearches()).toEqual([]);
  });

  it("is one index per store for the process: another bundle's copy of a built-in kind finds it, a changed custom kind does not", () => {
    const store = newStore();
    store.upsert(randomPod(random(14), 'ns-1', 'p-1'));
    const first = listIndexFor(store, podsKind);
    // What another bundle holds: its own descriptor object for the same built-in kind.
    expect(listIndexFor(store, { ...podsKind })).toBe(first);
    const custom = { ...(podsKind as KindDescriptor<BaseSummary>), id: 'example.com/widgets' };
    const made = listIndexFor(store, custom);
    expect(made).not.toBe(first);
    expect(listIndexFor(store, custom)).toBe(made);
    expect(listIndexFor(store, { ...custom })).not.toBe(made);
  });
});
