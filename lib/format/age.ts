// kubectl's AGE column. Ported from k8s.io/apimachinery/pkg/util/duration.HumanDuration:
// https://github.com/kubernetes/apimachinery/blob/master/pkg/util/duration/duration.go
// (~2–3 significant figures: "90s", "5m30s", "47m", "5h12m", "13h", "3d4h", "120d", "2y30d").
// date-fns is not used: its distances are English prose ("about 5 hours"), not kubectl's format.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Formats a duration in milliseconds exactly as kubectl does. */
export function humanDuration(ms: number): string {
  // Go converts durations to int by truncation toward zero; Math.trunc mirrors that.
  const seconds = Math.trunc(ms / SECOND);
  // A skew of up to 2 s (exclusive) between machines counts as "now".
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;

  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.trunc(hours / 24 / 365);
    const days = Math.trunc(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * Age of an object created at `createdAt` as seen at `now` (both ISO 8601 strings or Dates).
 * `now` is explicit so server and browser render the same text and tests are deterministic.
 * Returns "<unknown>" like kubectl when the timestamp is missing or unparseable.
 */
export function formatAge(createdAt: string | Date | undefined, now: string | Date): string {
  if (createdAt === undefined) return '<unknown>';
  const start = new Date(createdAt).getTime();
  const end = new Date(now).getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) return '<unknown>';
  return humanDuration(end - start);
}

/**
 * How long until `humanDuration` of an age of `ms` next changes: the text shows seconds below 10
 * minutes ("9m53s"), minutes below 8 hours ("47m", "5h12m"), hours below 8 days ("13h", "3d4h") and
 * days after that. A clock that redraws then shows every step and wastes no renders in between.
 */
export function ageRefreshMs(ms: number): number {
  const step = ms < 10 * MINUTE ? SECOND : ms < 8 * HOUR ? MINUTE : ms < 8 * 24 * HOUR ? HOUR : 24 * HOUR;
  if (ms < 0) return SECOND;
  return step - (ms % step);
}

/**
 * How long a clock showing ages of these times (ISO 8601) can wait before one of them changes its
 * text: the youngest's ageRefreshMs. A minute when there is none to show.
 */
export function clockRefreshMs(times: readonly (string | undefined)[], nowMs: number): number {
  let newest: number | undefined;
  for (const iso of times) {
    const t = iso ? Date.parse(iso) : Number.NaN;
    if (!Number.isNaN(t) && (newest === undefined || t > newest)) newest = t;
  }
  return newest === undefined ? MINUTE : ageRefreshMs(nowMs - newest);
}
