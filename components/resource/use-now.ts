'use client';

import { useEffect, useState } from 'react';

import { clockRefreshMs } from '@/lib/format/age';

/**
 * The current time, so AGE columns move without refetching. Given the times on screen (creation
 * times, last-seen times…), it redraws when the youngest one's kubectl duration next changes:
 * every second while it shows seconds, every minute while it shows minutes, and so on. Given a
 * number, every that many milliseconds (default 10 s, for text that shows no durations).
 */
export function useNow(every: number | readonly (string | undefined)[] = 10_000): string {
  const [now, setNow] = useState(() => new Date().toISOString());
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
