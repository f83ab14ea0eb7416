// The colour theme: the person's choice (System, Light, Dark) is kept in localStorage and turned
// into the `dark` class on <html>, which Tailwind's `dark:` variant and the chart colours in
// app/globals.css read. The same rule runs twice: as THEME_SCRIPT, inline in the page's <head>
// before anything paints (no flash of the wrong theme), and as applyTheme() when the switch is used.

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

export const THEME_STORAGE_KEY = 'wheelhouse-theme';
export const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Anything but a known choice (missing, tampered with) means "follow the system". */
export function parseTheme(value: string | null | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function isDark(choice: ThemeChoice, systemDark: boolean): boolean {
  return choice === 'dark' || (choice === 'system' && systemDark);
}

/**
 * Runs in <head> before the body is parsed, and must mirror parseTheme/isDark. It also follows the
 * OS setting while the choice is System and picks up a choice made in another tab. Storage can throw
 * (disabled, sandboxed): then the system setting decides.
 */
export const THEME_SCRIPT = `(function(){var d=document.documentElement,m=window.matchMedia(${JSON.stringify(DARK_QUERY)});
function c(){try{var v=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});return v==='light'||v==='dark'?v:'system'}catch(e){return 'system'}}
function a(){var t=c();d.classList.toggle('dark',t==='dark'||(t==='system'&&m.matches))}
a();m.addEventListener('change',a);window.addEventListener('storage',function(e){if(e.key===${JSON.stringify(THEME_STORAGE_KEY)})a()})})();`;

export function readTheme(): ThemeChoice {
  try {
    return parseTheme(window.localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return 'system';
  }
}

/** Stores the choice and applies it now; the head script's listener keeps System following the OS. */
export function applyTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not stored (storage disabled): the choice still holds for this page.
  }
  const dark = isDark(choice, window.matchMedia(DARK_QUERY).matches);
  document.documentElement.classList.toggle('dark', dark);
}
