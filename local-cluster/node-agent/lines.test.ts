import { describe, expect, it } from 'vitest';

import { splitLines } from './lines';

describe('splitLines', () => {
  it('joins lines split across chunks and skips blanks', () => {
    const out: string[] = [];
    const feed = splitLines((l) => out.push(l));
    feed('{"a":1}\n{"b"');
    feed(':2}\n\n');
    feed('{"c":3}');
    expect(out).toEqual(['{"a":1}', '{"b":2}']);
    feed('\n');
    expect(out).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });
});
