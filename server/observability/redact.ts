import 'server-only';

// Scrubs credentials out of anything about to be logged: keys that name a secret anywhere in a nested
// object, and secrets embedded in strings (an error message quoting an Authorization header, a URL
// with a token in its query, a cookie header copied into a message). pino's own `redact` paths only
// reach fixed depths; this walks the whole value. Linear scans only (REFERENCE.md: no backtracking
// regexes over attacker-controlled text), and long strings are cut before scanning.

export const REDACTED = '[redacted]';

const MAX_STRING = 8_192;
const MAX_DEPTH = 8;
const MAX_ITEMS = 200;

/** Keys whose values are never logged, at any depth (`Authorization`, `set-cookie`, `clientSecret`…). */
const SENSITIVE_KEY =
  /^(?:.*(?:password|passwd|secret|token|authorization|cookie|credential|api[-_]?key|private[-_]?key)|pass|pwd|auth)$/i;

// Each pattern is anchored on a literal and followed by one character class: no nested repetition.
const STRING_RULES: [RegExp, string][] = [
  // HTTP auth schemes: "Authorization: Bearer abc", "Basic dXNlcjpwYXNz".
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // JSON Web Tokens anywhere (ID tokens, service-account tokens): three base64url parts, "eyJ…".
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // name=value pairs in query strings, form bodies and cookie headers.
  [
    /\b(password|passwd|pwd|secret|client_secret|token|access_token|id_token|refresh_token|api_?key|code_verifier|session-token|csrf-token)=[^&;\s,"']+/gi,
    `$1=${REDACTED}`,
  ],
  // "password": "…" inside JSON quoted in a message.
  [
    /"(password|passwd|secret|clientSecret|client_secret|token|access_token|id_token|refresh_token|authorization|cookie)"\s*:\s*"[^"]*"/gi,
    `"$1":"${REDACTED}"`,
  ],
  // user:password@host in URLs.
  [/(\/\/[^/\s:@]+):[^/\s@]+@/g, `$1:${REDACTED}@`],
];

export function redactString(value: string): string {
  let text = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…[truncated]` : value;
  for (const [pattern, replacement] of STRING_RULES) text = text.replace(pattern, replacement);
  return text;
}

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: unknown;
  status?: unknown;
  cause?: unknown;
}

/** A copy of `value` safe to log. Errors become `{ type, message, stack, code, status, cause }`. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return redactError(value, depth, seen);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[binary ${value.byteLength} bytes]`;
  if (value instanceof Date) return value;
  if (value instanceof Headers) return redactEntries([...value.entries()], depth, seen);
  if (value instanceof Map)
    return redactEntries(
      [...value.entries()].map(([k, v]) => [String(k), v]),
      depth,
      seen,
    );
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redact(item, depth + 1, seen));
    if (value.length > MAX_ITEMS) items.push(`…${value.length - MAX_ITEMS} more`);
    return items;
  }
  return redactEntries(Object.entries(value), depth, seen);
}

function redactEntries(entries: [string, unknown][], depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, MAX_ITEMS)) {
    out[key] =
      SENSITIVE_KEY.test(key) && item !== undefined && item !== null ? REDACTED : redact(item, depth + 1, seen);
  }
  return out;
}

function redactError(err: Error, depth: number, seen: WeakSet<object>): SerializedError {
  const extra = err as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
  const out: SerializedError = { type: err.name, message: redactString(err.message) };
  if (err.stack) out.stack = redactString(err.stack);
  if (extra.code !== undefined) out.code = redact(extra.code, depth + 1, seen);
  const status = extra.status ?? extra.statusCode;
  if (status !== undefined) out.status = redact(status, depth + 1, seen);
  if (err.cause !== undefined) out.cause = redact(err.cause, depth + 1, seen);
  return out;
}
