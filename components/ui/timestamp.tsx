'use client';

import { localText, utcText, type TimePrecision } from '@/lib/format/time';
import { useHydrated } from '@/components/ui/use-hydrated';

// An absolute time in the app's one style, "2026-11-24 13:05 UTC", with the viewer's local time
// beside it: in the tooltip, or as a second line with `localLine`. The local time is filled in
// after hydration (the server does not know the viewer's zone), so server and browser agree.

export function Timestamp({
  iso,
  precision = 'minute',
  localLine = false,
}: {
  iso: string | undefined;
  precision?: TimePrecision;
  localLine?: boolean;
}) {
  const hydrated = useHydrated();
  const local = hydrated ? localText(iso, precision) : '';
  const utc = utcText(iso, precision);
  if (!utc) return <>–</>;
  const title = local ? `${local} (your time)` : undefined;
  return (
    <time dateTime={iso} title={title} data-local={local || undefined}>
      {utc}
      {localLine && local ? <span className="block text-xs text-slate-500 dark:text-slate-400">{local}</span> : null}
    </time>
  );
}
