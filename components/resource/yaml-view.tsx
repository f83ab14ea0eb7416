'use client';

import { useState } from 'react';
import { stringify } from 'yaml';

import { VisibleText } from '@/components/ui/visible-text';

// Read-only YAML of an object as the API server returned it to this person (managedFields and the
// last-applied annotation already stripped on the server). Shown as text in a <pre>, never as HTML.

export function YamlView({ object }: { object: unknown }) {
  const text = stringify(object, { lineWidth: 0 });
  const [copied, setCopied] = useState(false);
  return (
    <div className="relative" data-testid="yaml-view">
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
        className="absolute top-2 right-2 rounded-md bg-white/90 dark:bg-slate-900/90 px-2 py-1 text-xs font-medium text-slate-700 dark:text-slate-300 ring-1 ring-slate-300 dark:ring-slate-700 hover:bg-white dark:hover:bg-slate-800"
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
      <pre className="max-h-[32rem] overflow-auto rounded-lg bg-slate-900 p-4 font-mono text-xs leading-5 text-slate-100 dark:bg-slate-950 dark:ring-1 dark:ring-slate-800">
        <VisibleText text={text} keepLineBreaks keepTabs />
      </pre>
    </div>
  );
}
