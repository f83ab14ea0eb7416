import 'server-only';

import { z } from 'zod';

import { AUDIT_RESULTS, type AuditCursor, type AuditFilter } from './types';
import { namespaceSchema } from '@/lib/k8s/names';

// The Activity filters as URL search parameters, shared by the page and the export route so that
// "Export" downloads exactly what the page shows. Unknown parameters are ignored; bad values are
// rejected with a message rather than silently dropped.

const isoTime = z
  .string()
  .max(40)
  // A time without a zone (what <input type="datetime-local"> sends) is read as UTC, the zone
  // the page shows times in, whatever the server's own zone is.
  .transform((s) =>
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(s) ? `${s.length === 10 ? `${s}T00:00` : s}Z` : s,
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date/time, e.g. 2026-01-31T12:00')
  .transform((s) => new Date(s).toISOString());

const text = (max: number) => z.string().trim().min(1).max(max).optional();

export const activityQuerySchema = z.object({
  user: text(253),
  // '-' selects cluster-scoped entries (no namespace), e.g. elevations.
  namespace: z
    .string()
    .trim()
    .refine((v) => v === '-' || namespaceSchema.safeParse(v).success, 'must be a namespace name or "-"')
    .optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be an action name such as scale')
    .optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ActivityQuery = z.infer<typeof activityQuerySchema>;

/** Parses URLSearchParams or Next.js `searchParams` (first value wins for repeated keys; empty = unset). */
export function parseActivityQuery(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((k) => [k, params.get(k) ?? undefined] as const)
      : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  const record = Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== ''));
  return activityQuerySchema.safeParse(record);
}

export function filterOf(cluster: string, q: ActivityQuery): AuditFilter {
  return {
    cluster,
    user: q.user,
    namespace: q.namespace === '-' ? '' : q.namespace,
    action: q.action,
    result: q.result,
    from: q.from,
    to: q.to,
  };
}

export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.id])).toString('base64url');
}

const cursorSchema = z.tuple([z.iso.datetime(), z.string().min(1).max(64)]);

/** The cursor, or undefined when it is missing or not one we issued. */
export function decodeCursor(value: string | undefined): AuditCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? { time: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}
