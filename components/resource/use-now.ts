'use client';

import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';

import { clockRefreshMs } from '@/lib/format/age';

// The server's clock at render time (the cluster layout provides it). Pages prefetch their data on
// the server (ADR 0018), so AGE columns are rendered there: during hydration the client must render
// the very same text, so it starts from the server's time, then moves on with its own clock.
const RenderTime = createContext<string | undefined>(undefined);

export function RenderTimeProvider({ at, children }: { at: string; children: ReactNode }) {
  return createElement(RenderTime.Provider, { value: at }, children);
}

const noSubscription = () => () => {};

/** True while rendering on the server and while hydrating what it rendered; false afterwards. */
function useHydrating(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
}

/**
 * The current time, so AGE columns move without refetching. Given the times on screen (creation
 * times, last-seen times…), it redraws when the youngest one's kubectl duration next changes:
 * every second while it shows seconds, every minute while it shows minutes, and so on. Given a
 * number, every that many milliseconds (default 10 s, for text that shows no durations).
 * Rendered on the server or hydrated, it starts at the server's render time (RenderTimeProvider),
 * so the hydrated text matches the server's HTML; the first redraw brings the browser's clock.
 */
export function useNow(every: number | readonly (string | undefined)[] = 10_000): string {
  const renderedAt = useContext(RenderTime);
  const hydrating = useHydrating();
  const [now, setNow] = useState(() => (hydrating && renderedAt) || new Date().toISOString());
  const fixed = typeof every === 'number' ? every : undefined;
  // The times as one string, so a new array with the same times does not re-arm the timer.
  const times = typeof every === 'number' ? '' : every.filter(Boolean).join(' ');
  useEffect(() => {
    const delay = fixed ?? clockRefreshMs(times ? times.split(' ') : [], Date.now());
    const t = setTimeout(() => setNow(new Date().toISOString()), delay);
    return () => clearTimeout(t);
  }, [fixed, times, now]);
  return now;
}
