'use client';

import { useEffect, useState } from 'react';

import { ageRefreshMs } from '@/lib/format/age';

/**
 * The current time, so AGE columns move without refetching. Given the times on screen (creation
 * times, last-seen times…), it redraws when the youngest one's kubectl duration next changes:
 * every second while it shows seconds, every minute while it shows minutes, and so on. Given a
 * number, every that many milliseconds (default 10 s, for text that shows no durations).
 */
export function useNow(every: number | readonly (string | undefined)[] = 10_000): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  const fixed = typeof every === 'number' ? every : undefined;
  const youngest = typeof every === 'number' ? undefined : newest(every);
  useEffect(() => {
    const age = youngest === undefined ? undefined : Date.now() - youngest;
    const delay = fixed ?? (age === undefined ? 60_000 : ageRefreshMs(age));
    const t = setTimeout(() => setNow(new Date().toISOString()), delay);
    return () => clearTimeout(t);
  }, [fixed, youngest, now]);
  return now;
}

function newest(times: readonly (string | undefined)[]): number | undefined {
  let best: number | undefined;
  for (const iso of times) {
    const t = iso ? Date.parse(iso) : Number.NaN;
    if (!Number.isNaN(t) && (best === undefined || t > best)) best = t;
  }
  return best;
}
