import { z } from 'zod';

// What a write changed, for the audit log (issue 15 item 5): the changed fields of the object's
// `spec`, before and after, as compact paths and short values — never whole objects, never Secret
// data. Computed from the object read before the write and the object the API server answered.
// Pure; stored as JSON in the audit row's outcome (server/audit/store.ts) and shown by Activity.

/** One changed field. `before`/`after` are short renderings; null when the field was absent. */
export interface FieldChange {
  /** e.g. `spec.replicas`, `spec.template.spec.containers[storefront].image` */
  path: string;
  before: string | null;
  after: string | null;
}

export interface AuditChanges {
  fields: FieldChange[];
  /** Changed fields left out by the cap on paths. */
  omitted: number;
}

export interface ChangeLimits {
  /** At most this many paths (default 20). */
  maxPaths?: number;
  /** At most this many characters per value (default 120), cut with `…`. */
  maxValueChars?: number;
}

/** Keys whose values are never recorded, at any depth (Secret and ConfigMap payloads). */
const SECRET_KEYS = new Set(['data', 'stringData', 'binaryData']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const kindOf = (o: unknown): unknown => (isRecord(o) ? o.kind : undefined);

/**
 * The spec fields that differ between `before` and `after`, or null when nothing may be recorded
 * (a Secret). Arrays of named items (containers, env, volumes, ports) are matched by name, so a
 * changed image reads `containers[storefront].image`; other arrays of objects by position; arrays
 * of plain values are compared as one value.
 */
export function specChanges(before: unknown, after: unknown, limits: ChangeLimits = {}): AuditChanges | null {
  if (kindOf(before) === 'Secret' || kindOf(after) === 'Secret') return null;
  const maxPaths = Math.max(0, limits.maxPaths ?? 20);
  const maxChars = Math.max(1, limits.maxValueChars ?? 120);
  const all: { path: string; before: unknown; after: unknown }[] = [];
  const specOf = (o: unknown) => (isRecord(o) ? o.spec : undefined);
  walk('spec', specOf(before), specOf(after), all);
  return {
    fields: all
      .slice(0, maxPaths)
      .map((c) => ({ path: c.path, before: render(c.before, maxChars), after: render(c.after, maxChars) })),
    omitted: Math.max(0, all.length - maxPaths),
  };
}

function walk(path: string, a: unknown, b: unknown, out: { path: string; before: unknown; after: unknown }[]): void {
  if (sameValue(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      if (SECRET_KEYS.has(key)) continue;
      walk(`${path}${segment(key)}`, a[key], b[key], out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const named = (xs: unknown[]) => xs.every((x) => isRecord(x) && typeof x.name === 'string');
    if (named(a) && named(b) && (a.length || b.length)) {
      const byName = (xs: unknown[]) => new Map(xs.map((x) => [(x as { name: string }).name, x]));
      const ma = byName(a);
      const mb = byName(b);
      const names = [...ma.keys(), ...[...mb.keys()].filter((n) => !ma.has(n))];
      for (const n of names) walk(`${path}[${n}]`, ma.get(n), mb.get(n), out);
      return;
    }
    const objects = (xs: unknown[]) => xs.every(isRecord);
    if (objects(a) && objects(b) && a.length === b.length) {
      a.forEach((x, i) => walk(`${path}[${i}]`, x, b[i], out));
      return;
    }
  }
  out.push({ path, before: scrub(a), after: scrub(b) });
}

/** A key as a path segment: `.key`, or `["a.b/c"]` for dotted keys (annotations) so the path stays readable. */
function segment(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Removes secret-bearing keys from a value recorded whole (e.g. an added volume). */
function scrub(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrub);
  if (!isRecord(v)) return v;
  return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (SECRET_KEYS.has(k) ? [] : [[k, scrub(x)]])));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && b !== undefined && stable(a) === stable(b));
}

/** JSON with sorted keys, so two equal objects compare equal whatever their key order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function render(v: unknown, maxChars: number): string | null {
  if (v === undefined || v === null) return null;
  const text = typeof v === 'string' ? v : stable(v);
  return text.length > maxChars ? `${text.slice(0, Math.max(0, maxChars - 1))}…` : text;
}

/** `spec.replicas: 3 → 5`, one line per field; for logs, CSV cells and titles. */
export function changesText(changes: AuditChanges | null | undefined): string {
  if (!changes) return '';
  const lines = changes.fields.map((f) => `${f.path}: ${f.before ?? '(none)'} → ${f.after ?? '(none)'}`);
  if (changes.omitted > 0) lines.push(`… and ${changes.omitted} more`);
  return lines.join('\n');
}

const changesSchema = z.object({
  fields: z.array(z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  omitted: z.number().int().min(0),
});

/** Parses stored changes defensively (old rows have none; a damaged value reads as none). */
export function parseChanges(value: unknown): AuditChanges | null {
  const parsed = changesSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
