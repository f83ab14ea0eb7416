import { describe, expect, it } from 'vitest';

import { hashValue, Interner, sameValue } from '@/server/k8s/interner';

// Shared values are found by a hash and a deep comparison (ADR 0027, amendment "Hash and compare"):
// every value JSON.stringify tells apart must stay apart, and equal values must be shared.

const apart: [unknown, unknown][] = [
  [
    { a: '1', b: '2' },
    { b: '2', a: '1' },
  ], // key order
  [
    [1, [2]],
    [[1], 2],
  ], // nesting of arrays
  [[['a', 'b']], [['a'], ['b']]],
  [{ a: { b: 'c' } }, { a: { b: 'c', d: 'e' } }],
  [{ a: undefined }, {}], // a key set to undefined is kept apart, stricter than JSON
  [{ a: 'x' }, { a: 'x', b: undefined }],
  ['1', 1],
  [true, 'true'],
  [null, {}],
  [[], {}],
  [{ 0: 'a' }, ['a']],
  [
    ['ab', 'c'],
    ['a', 'bc'],
  ],
  [{ ab: 'c' }, { a: 'bc' }],
  [0, 1],
];

describe('Interner', () => {
  it.each(apart.map(([a, b]) => [JSON.stringify(a), JSON.stringify(b), a, b] as const))(
    'keeps %s and %s apart',
    (_, __, a, b) => {
      expect(sameValue(a, b)).toBe(false);
      expect(sameValue(b, a)).toBe(false);
      const i = new Interner();
      expect(i.shared(b)).toBe(b);
      expect(i.shared(a)).toBe(a);
    },
  );

  it('shares values equal in depth, whatever their identity', () => {
    const make = () => ({ labels: { app: 'web', tier: 'front' }, list: [{ name: 'a', n: 1, ok: true }, null] });
    expect(hashValue(make())).toBe(hashValue(make()));
    expect(sameValue(make(), make())).toBe(true);
    const i = new Interner();
    const first = i.shared(make());
    expect(i.shared(make())).toBe(first);
    expect(Object.isFrozen(first.list[0])).toBe(true);
    expect(i.size).toBe(1);
  });

  it('tells apart values whose hashes collide', () => {
    // Different values in one bucket: each finds itself, by comparison.
    const i = new Interner(10, 10, () => 42);
    const a = i.shared({ a: '1' });
    const b = i.shared({ a: '2' });
    expect(b).not.toBe(a);
    expect(i.shared({ a: '1' })).toBe(a);
    expect(i.shared({ a: '2' })).toBe(b);
    expect(i.size).toBe(2);
  });
});
