'use client';

import { Monitor, Moon, Sun } from 'lucide-react';
import { useSyncExternalStore } from 'react';

import { applyTheme, readTheme, THEME_STORAGE_KEY, type ThemeChoice } from './theme';

// System / Light / Dark, as a radio group. The server cannot know the stored choice, so the first
// render (and hydration) shows System's position; the stored one follows right after. The page's
// colours are already right before that: the head script set them.

const CHANGED = 'wheelhouse-theme-change';

const OPTIONS: { value: ThemeChoice; label: string; Icon: typeof Sun }[] = [
  { value: 'system', label: 'System', Icon: Monitor },
  { value: 'light', label: 'Light', Icon: Sun },
  { value: 'dark', label: 'Dark', Icon: Moon },
];

function subscribe(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === THEME_STORAGE_KEY) onChange();
  };
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function ThemeSwitch() {
  const choice = useSyncExternalStore(subscribe, readTheme, () => 'system' as const);
  return (
    <fieldset data-testid="theme-switch">
      <legend className="mb-1 text-xs text-slate-400">Theme</legend>
      <div className="grid grid-cols-3 gap-0.5 rounded-md bg-slate-800 p-0.5">
        {OPTIONS.map(({ value, label, Icon }) => (
          <label
            key={value}
            className="relative flex cursor-pointer items-center justify-center gap-1 rounded px-1 py-1 text-[11px] text-slate-300 hover:text-white has-[:checked]:bg-slate-600 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-sky-400"
          >
            <input
              type="radio"
              name="theme"
              value={value}
              checked={choice === value}
              onChange={() => {
                applyTheme(value);
                window.dispatchEvent(new Event(CHANGED));
              }}
              className="absolute inset-0 cursor-pointer opacity-0"
            />
            <Icon aria-hidden className="h-3 w-3" />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
