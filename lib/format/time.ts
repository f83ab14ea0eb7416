// Absolute times, one style for the whole app: "2026-11-24 13:05 UTC" (or with seconds), the cluster's
// clock and the audit log's; the viewer's local time goes beside it (components/ui/timestamp.tsx).
// Relative times are kubectl durations (lib/format/age.ts humanDuration), never prose.

export type TimePrecision = 'minute' | 'second';

/** "2026-11-24 13:05 UTC"; '' for a missing or unparsable time. */
export function utcText(iso: string | undefined, precision: TimePrecision = 'minute'): string {
  const t = iso ? new Date(iso) : undefined;
  if (!t || Number.isNaN(t.getTime())) return '';
  return `${t
    .toISOString()
    .slice(0, precision === 'second' ? 19 : 16)
    .replace('T', ' ')} UTC`;
}

/** The same moment in the viewer's time zone, e.g. "2026-11-24 14:05 CET" ('' when unparsable). */
export function localText(iso: string | undefined, precision: TimePrecision = 'minute', timeZone?: string): string {
  const t = iso ? new Date(iso) : undefined;
  if (!t || Number.isNaN(t.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(precision === 'second' ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(t);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const clock = [get('hour'), get('minute'), ...(precision === 'second' ? [get('second')] : [])].join(':');
  return `${get('year')}-${get('month')}-${get('day')} ${clock} ${get('timeZoneName')}`;
}

/** A chart tooltip's time (unix seconds): UTC to the second, then the viewer's local time. */
export function chartTime(unixSeconds: number, timeZone?: string): string {
  const iso = new Date(unixSeconds * 1000).toISOString();
  return `${utcText(iso, 'second')} · ${localText(iso, 'second', timeZone)}`;
}
