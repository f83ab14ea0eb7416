'use client';

import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, so AGE columns move without refetching. */
export function useNow(everyMs = 10_000): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date().toISOString()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
