import 'server-only';

import { z } from 'zod';

// The password sign-in body, parsed once (issue 11 item 1). The limiter used to read the first
// `username` of a form and next-auth the last (`Object.fromEntries`), so a decoy name in front went
// unlimited; a JSON body was not read by the limiter at all. Now the route handler parses the body
// here, refuses anything ambiguous, and both the limiter and the password check use these values;
// next-auth receives a canonical form rebuilt from them (password-sign-in.ts).

/** Far more than a form with a 253-character name and a 1,024-character password needs. */
export const MAX_CREDENTIALS_BYTES = 8 * 1024;

/** Fields the sign-in form and next-auth's own `signIn()` send; anything else is refused. */
const FIELDS = ['csrfToken', 'username', 'password', 'callbackUrl', 'json', 'redirect'] as const;
type Field = (typeof FIELDS)[number];

const credentialsSchema = z.object({
  username: z.string().trim().min(1, 'a user name is required').max(253, 'the user name is too long'),
  password: z.string().min(1, 'a password is required').max(1024, 'the password is too long'),
});

export interface Credentials {
  username: string;
  password: string;
  /** Every field as received (single values), with `username` trimmed as checked. */
  fields: Partial<Record<Field, string>>;
}

export type ParseResult =
  { ok: true; credentials: Credentials } | { ok: false; status: 400 | 413 | 415; message: string };

const refuse = (status: 400 | 413 | 415, message: string): ParseResult => ({ ok: false, status, message });

/** Parses a body already read as text; `contentType` is the request's Content-Type header. */
export function parseCredentials(text: string, contentType: string | null): ParseResult {
  if (Buffer.byteLength(text) > MAX_CREDENTIALS_BYTES) {
    return refuse(413, `The sign-in request is larger than ${MAX_CREDENTIALS_BYTES} bytes`);
  }
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase();
  let pairs: [string, string][];
  if (type === 'application/x-www-form-urlencoded') {
    pairs = [...new URLSearchParams(text)];
  } else if (type === 'application/json') {
    const parsed = flatJsonObject(text);
    if (typeof parsed === 'string') return refuse(400, parsed);
    pairs = parsed;
  } else {
    return refuse(415, 'Sign in with a form (application/x-www-form-urlencoded) or JSON body');
  }
  const fields: Partial<Record<Field, string>> = {};
  for (const [name, value] of pairs) {
    if (!(FIELDS as readonly string[]).includes(name)) return refuse(400, `Unexpected field "${name.slice(0, 40)}"`);
    if (fields[name as Field] !== undefined) return refuse(400, `The field "${name}" appears more than once`);
    fields[name as Field] = value;
  }
  const checked = credentialsSchema.safeParse(fields);
  if (!checked.success) return refuse(400, `Invalid sign-in: ${checked.error.issues[0]?.message ?? 'bad fields'}`);
  const { username, password } = checked.data;
  return { ok: true, credentials: { username, password, fields: { ...fields, username } } };
}

/** Reads at most MAX_CREDENTIALS_BYTES of the request, then parses it. */
export async function readCredentials(request: Request): Promise<ParseResult> {
  const announced = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(announced) && announced > MAX_CREDENTIALS_BYTES) {
    return refuse(413, `The sign-in request is larger than ${MAX_CREDENTIALS_BYTES} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_CREDENTIALS_BYTES) {
      // Stop reading: the rest of an oversized body is never buffered.
      await reader.cancel().catch(() => undefined);
      return refuse(413, `The sign-in request is larger than ${MAX_CREDENTIALS_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return parseCredentials(Buffer.concat(chunks).toString('utf8'), request.headers.get('content-type'));
}

/** The canonical form next-auth receives: exactly the fields parsed here, each once. */
export function canonicalForm(credentials: Credentials): string {
  const form = new URLSearchParams();
  for (const field of FIELDS) {
    const value = credentials.fields[field];
    if (value !== undefined) form.set(field, value);
  }
  return form.toString();
}

/**
 * A flat JSON object of string values as [key, value] pairs in order, keeping duplicates (JSON.parse
 * silently keeps the last); or a message saying why it is not one. One linear scan: string tokens are
 * delimited here and decoded by JSON.parse.
 */
export function flatJsonObject(text: string): [string, string][] | string {
  const pairs: [string, string][] = [];
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const string = (): string | undefined => {
    if (text[i] !== '"') return undefined;
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) return undefined;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return undefined;
    }
  };
  space();
  if (text[i++] !== '{') return 'The sign-in body must be a JSON object';
  space();
  if (text[i] === '}') i++;
  else {
    for (;;) {
      space();
      const key = string();
      if (key === undefined) return 'The sign-in body is not valid JSON';
      space();
      if (text[i++] !== ':') return 'The sign-in body is not valid JSON';
      space();
      const value = string();
      if (value === undefined) return `The field "${key.slice(0, 40)}" must be a string`;
      pairs.push([key, value]);
      space();
      const next = text[i++];
      if (next === '}') break;
      if (next !== ',') return 'The sign-in body is not valid JSON';
    }
  }
  space();
  return i === text.length ? pairs : 'The sign-in body is not valid JSON';
}
