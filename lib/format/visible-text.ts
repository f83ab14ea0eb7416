// Text from the cluster (annotations, images, event messages, log lines, API error reasons) is shown
// as what it IS, not as what it would look like: invisible and bidirectional control characters
// become visible markers such as "⟨U+202E⟩". A right-to-left override makes `app:1.0\u202Egnp.exe`
// read as "app:1.0exe.png" ("Trojan Source", CVE-2021-42574); zero-width characters make two
// different names look the same. Pure and isomorphic: the server uses it for error messages,
// components/ui/visible-text.tsx renders the markers styled apart from the text.

/**
 * Characters that change how text reads without a glyph of their own: control characters (Cc), format
 * characters (Cf: bidi embeddings/overrides/isolates U+202A–202E and U+2066–2069, marks U+200E/200F
 * and U+061C, zero-width U+200B–200D and U+2060, the BOM U+FEFF, soft hyphen, tag characters…), the
 * line and paragraph separators (U+2028/2029), and blank "letters" (Hangul fillers) and the combining
 * grapheme joiner, which render as nothing.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034f\u115f\u1160\u3164\uffa0]/gu;

export interface RevealOptions {
  /** Keep "\n" (and "\r\n") as line breaks, for multi-line values such as annotations. */
  keepLineBreaks?: boolean;
  /** Keep "\t" as a tab, for log lines. */
  keepTabs?: boolean;
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'hidden'; codePoint: string };

/** "U+202E" for a character (at least four hex digits, upper case). */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function kept(char: string, options: RevealOptions): boolean {
  return (
    (options.keepLineBreaks === true && (char === '\n' || char === '\r')) ||
    (options.keepTabs === true && char === '\t')
  );
}

/** The text split into plain runs and hidden characters, in order. Plain runs are never empty. */
export function revealParts(text: string, options: RevealOptions = {}): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(HIDDEN)) {
    const char = match[0];
    if (kept(char, options)) continue;
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'hidden', codePoint: codePointLabel(char) });
    last = match.index + char.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Does the text contain anything revealParts would mark? */
export function hasHiddenCharacters(text: string, options: RevealOptions = {}): boolean {
  for (const match of text.matchAll(HIDDEN)) if (!kept(match[0], options)) return true;
  return false;
}

/** The text with every hidden character replaced by "⟨U+XXXX⟩" (for titles, attributes, messages). */
export function revealHidden(text: string, options: RevealOptions = {}): string {
  return revealParts(text, options)
    .map((p) => (p.kind === 'text' ? p.text : `⟨${p.codePoint}⟩`))
    .join('');
}
