import { describe, expect, it } from 'vitest';

import { codePointLabel, hasHiddenCharacters, revealHidden, revealParts } from './visible-text';

describe('revealHidden', () => {
  it('shows a right-to-left override instead of letting it reverse the text', () => {
    expect(revealHidden('app:1.0\u202Egnp.exe')).toBe('app:1.0⟨U+202E⟩gnp.exe');
  });

  it.each([
    ['\u202A', 'U+202A'],
    ['\u202B', 'U+202B'],
    ['\u202C', 'U+202C'],
    ['\u202D', 'U+202D'],
    ['\u2066', 'U+2066'],
    ['\u2067', 'U+2067'],
    ['\u2068', 'U+2068'],
    ['\u2069', 'U+2069'],
    ['\u200B', 'U+200B'],
    ['\u200C', 'U+200C'],
    ['\u200D', 'U+200D'],
    ['\u200E', 'U+200E'],
    ['\u200F', 'U+200F'],
    ['\u061C', 'U+061C'],
    ['\u2060', 'U+2060'],
    ['\uFEFF', 'U+FEFF'],
    ['\u00AD', 'U+00AD'],
    ['\u2028', 'U+2028'],
    ['\u2029', 'U+2029'],
    ['\u0000', 'U+0000'],
    ['\u001B', 'U+001B'],
    ['\u007F', 'U+007F'],
    ['\u0085', 'U+0085'],
    ['\u3164', 'U+3164'],
    ['\u{E0041}', 'U+E0041'],
  ])('marks %j as %s', (char, label) => {
    expect(revealHidden(`a${char}b`)).toBe(`a⟨${label}⟩b`);
    expect(hasHiddenCharacters(`a${char}b`)).toBe(true);
  });

  it('leaves ordinary text alone, including other scripts, emoji and right-to-left letters', () => {
    for (const text of ['nginx:1.25', 'café', 'שלום', 'مرحبا', '日本語', '👩‍💻'.replace('\u200D', ''), 'a b']) {
      expect(revealHidden(text)).toBe(text);
      expect(hasHiddenCharacters(text)).toBe(false);
    }
  });

  it('marks line breaks and tabs unless told to keep them', () => {
    expect(revealHidden('a\nb\tc')).toBe('a⟨U+000A⟩b⟨U+0009⟩c');
    expect(revealHidden('a\r\nb\tc', { keepLineBreaks: true, keepTabs: true })).toBe('a\r\nb\tc');
    expect(revealHidden('a\nb\u202Ec', { keepLineBreaks: true })).toBe('a\nb⟨U+202E⟩c');
  });

  it('splits into text and hidden parts in order, with no empty text parts', () => {
    expect(revealParts('\u202Eab\u200B\u200Bc')).toEqual([
      { kind: 'hidden', codePoint: 'U+202E' },
      { kind: 'text', text: 'ab' },
      { kind: 'hidden', codePoint: 'U+200B' },
      { kind: 'hidden', codePoint: 'U+200B' },
      { kind: 'text', text: 'c' },
    ]);
    expect(revealParts('')).toEqual([]);
  });

  it('labels astral code points with all their digits', () => {
    expect(codePointLabel('\u{E007F}')).toBe('U+E007F');
  });

  it('handles large hostile input in one pass', () => {
    const hostile = '\u202E'.repeat(200_000) + 'x'.repeat(200_000);
    expect(revealParts(hostile)).toHaveLength(200_001);
  });
});
