import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { addDarkVariants, missingDarkVariants } from './dark-variants';

describe('missingDarkVariants / addDarkVariants', () => {
  it('finds a light colour without a dark one, per branch of a conditional', () => {
    const src = `<p className={ok ? 'bg-white text-slate-900 dark:bg-slate-900' : 'bg-red-50 dark:bg-red-950/40'} />`;
    expect(missingDarkVariants(src).map((m) => m.token)).toEqual(['text-slate-900']);
  });

  it('keeps hover colours apart from plain ones, and ignores sizes', () => {
    const src = `className="text-xs text-slate-500 dark:text-xs hover:bg-slate-50 dark:bg-slate-900"`;
    expect(missingDarkVariants(src).map((m) => m.token)).toEqual(['text-slate-500', 'hover:bg-slate-50']);
  });

  it('accepts a hand-picked dark colour', () => {
    expect(missingDarkVariants(`"bg-slate-900 text-white bg-white dark:bg-sky-600"`)).toEqual([]);
  });

  it('adds the usual counterpart once, and then nothing', () => {
    const src = `<div className="rounded border border-slate-200 bg-white">\n<span className="text-sky-700 hover:text-sky-700">`;
    const once = addDarkVariants(src);
    expect(once).toBe(
      `<div className="rounded border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900">\n` +
        `<span className="text-sky-700 dark:text-sky-400 hover:text-sky-700 dark:hover:text-sky-300">`,
    );
    expect(addDarkVariants(once)).toBe(once);
    expect(missingDarkVariants(once)).toEqual([]);
  });
});

// Every page and component reads in both themes. Not judged here: the sidebar (dark in both themes),
// the mapping itself, and components/kinds/ (each kind's panel; run scripts/dark-variants.ts on it).
const NOT_JUDGED = new Set([
  'components/theme/dark-variants.ts',
  'components/shell/sidebar-nav.tsx',
  'components/shell/user-menu.tsx',
  'components/theme/theme-switch.tsx',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join('components', 'kinds') ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('the tree', () => {
  const files = [...sources('app'), ...sources('components')].filter((f) => !NOT_JUDGED.has(f));

  it('has files to judge', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('gives every light colour a dark counterpart (scripts/dark-variants.ts --write adds them)', () => {
    const missing = files.flatMap((f) =>
      missingDarkVariants(readFileSync(f, 'utf8')).map((m) => `${f}:${m.line} ${m.token}`),
    );
    expect(missing).toEqual([]);
  });
});
