import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

import { DARK_QUERY, isDark, parseTheme, THEME_SCRIPT, THEME_STORAGE_KEY } from './theme';

// THEME_SCRIPT is a string (it runs inline in <head>), so it is run here in a sandbox with a fake
// document, storage and media query: it must decide exactly as parseTheme/isDark do.
function runScript(stored: string | null | 'throws', systemDark: boolean) {
  const classes = new Set<string>();
  const mediaListeners: (() => void)[] = [];
  const storageListeners: ((e: { key: string }) => void)[] = [];
  let current = stored;
  const media = {
    matches: systemDark,
    addEventListener: (_: string, f: () => void) => mediaListeners.push(f),
  };
  const window = {
    matchMedia: (q: string) => {
      expect(q).toBe(DARK_QUERY);
      return media;
    },
    addEventListener: (_: string, f: (e: { key: string }) => void) => storageListeners.push(f),
  };
  const localStorage = {
    getItem: (k: string) => {
      expect(k).toBe(THEME_STORAGE_KEY);
      if (current === 'throws') throw new Error('SecurityError');
      return current;
    },
  };
  const document = {
    documentElement: { classList: { toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c)) } },
  };
  runInNewContext(THEME_SCRIPT, { window, localStorage, document });
  return {
    dark: () => classes.has('dark'),
    osChanges: (dark: boolean) => {
      media.matches = dark;
      mediaListeners.forEach((f) => f());
    },
    otherTabStores: (value: string | null) => {
      current = value;
      storageListeners.forEach((f) => f({ key: THEME_STORAGE_KEY }));
    },
  };
}

describe('theme choice', () => {
  it('reads only known choices; anything else follows the system', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('system')).toBe('system');
    expect(parseTheme(null)).toBe('system');
    expect(parseTheme('DARK')).toBe('system');
  });

  it('is dark for Dark, and for System when the OS is dark', () => {
    expect(isDark('dark', false)).toBe(true);
    expect(isDark('light', true)).toBe(false);
    expect(isDark('system', true)).toBe(true);
    expect(isDark('system', false)).toBe(false);
  });
});

describe('THEME_SCRIPT (inline in <head>)', () => {
  it.each([
    [null, false],
    [null, true],
    ['light', false],
    ['light', true],
    ['dark', false],
    ['dark', true],
    ['bogus', true],
    ['throws', true],
    ['throws', false],
  ] as const)('stored %s, OS dark %s: decides as isDark does', (stored, systemDark) => {
    const page = runScript(stored, systemDark);
    const choice = stored === 'throws' ? 'system' : parseTheme(stored);
    expect(page.dark()).toBe(isDark(choice, systemDark));
  });

  it('follows the OS while the choice is System, and not when one was made', () => {
    const system = runScript(null, false);
    system.osChanges(true);
    expect(system.dark()).toBe(true);
    system.osChanges(false);
    expect(system.dark()).toBe(false);

    const light = runScript('light', false);
    light.osChanges(true);
    expect(light.dark()).toBe(false);
  });

  it('takes up a choice made in another tab', () => {
    const page = runScript(null, false);
    page.otherTabStores('dark');
    expect(page.dark()).toBe(true);
    page.otherTabStores(null);
    expect(page.dark()).toBe(false);
  });
});
