import { Fragment } from 'react';

import { revealParts, type RevealOptions } from '@/lib/format/visible-text';

// Text from the cluster, with invisible and bidirectional control characters shown as markers
// ("⟨U+202E⟩", styled apart from the text) instead of taking effect (lib/format/visible-text.ts).
// Server- and client-safe (no hooks). Use `revealHidden` for title attributes.

export function VisibleText({ text, ...options }: { text: string } & RevealOptions) {
  const parts = revealParts(text, options);
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          <Fragment key={i}>{part.text}</Fragment>
        ) : (
          <span
            key={i}
            data-hidden-char={part.codePoint}
            title={`Invisible character ${part.codePoint}`}
            className="mx-px rounded-sm bg-amber-200 dark:bg-amber-800/60 px-0.5 font-mono text-[0.85em] text-amber-950 dark:text-amber-50"
          >
            ⟨{part.codePoint}⟩
          </span>
        ),
      )}
    </>
  );
}
