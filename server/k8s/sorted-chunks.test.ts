import { describe, expect, it } from 'vitest';

import { seededRandom as random } from '@/lib/testing/seeded-random';
import { SortedChunks } from '@/server/k8s/sorted-chunks';

interface Item {
  v: number;
  g: string;
}
const cmp = (a: Item, b: Item) => a.v - b.v;

describe('SortedChunks', () => {
  it('stays sorted and answers positions like a sorted array through inserts and removals', () => {
    const rnd = random(7);
    const list = new SortedChunks<Item>(cmp, (e) => e.g, 8);
    let ref: Item[] = [];
    const used = new Set<number>();
    for (let step = 0; step < 3000; step++) {
      if (ref.length && rnd() < 0.4) {
        const victim = ref[Math.floor(rnd() * ref.length)]!;
        expect(list.remove(victim)).toBe(true);
        ref = ref.filter((x) => x !== victim);
        used.delete(victim.v);
      } else {
        let v = Math.floor(rnd() * 100_000);
        while (used.has(v)) v++;
        used.add(v);
        const item = { v, g: `g${Math.floor(rnd() * 5)}` };
        list.insert(item);
        ref.push(item);
        ref.sort(cmp);
      }
      if (step % 97 === 0) {
        expect(list.toArray()).toEqual(ref);
        expect(list.size).toBe(ref.length);
        const pos = Math.floor(rnd() * (ref.length + 1));
        expect(list.at(pos)).toBe(ref[pos]);
        expect(list.at(pos, -1)).toBe(ref[ref.length - 1 - pos]);
        const groups = new Set(['g1', 'g3']);
        const inGroups = ref.filter((x) => groups.has(x.g));
        const skip = Math.floor(rnd() * (inGroups.length + 2));
        const cur = list.cursorAfterGroups(skip, groups, 1);
        expect(cur && list.get(cur)).toBe(inGroups[skip]);
        const back = list.cursorAfterGroups(skip, groups, -1);
        expect(back && list.get(back)).toBe(inGroups[inGroups.length - 1 - skip]);
      }
    }
    expect(list.remove({ v: -1, g: 'g0' })).toBe(false);
  });

  it('walks both ways from a cursor and stops when asked', () => {
    const list = new SortedChunks<Item>(cmp, (e) => e.g, 4);
    list.load(Array.from({ length: 20 }, (_, v) => ({ v, g: v % 2 ? 'odd' : 'even' })));
    const seen: number[] = [];
    list.walk(list.cursorAt(5, 1), 1, (e) => seen.push(e.v) < 6);
    expect(seen).toEqual([5, 6, 7, 8, 9, 10]);
    const back: number[] = [];
    list.walk(list.cursorAt(0, -1), -1, (e) => (e.g === 'odd' && back.push(e.v), back.length < 3), new Set(['odd']));
    expect(back).toEqual([19, 17, 15]);
  });
});
