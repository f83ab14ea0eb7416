import 'server-only';

import { jsonError } from '@/server/http/responses';

// Request bodies with a size cap. `request.json()`/`text()` read whatever a client sends into memory;
// every route that reads a body goes through here instead, so an oversized body costs at most
// `maxBytes` of memory and is answered 413 (with the usual security headers) without being parsed.

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Defaults for JSON bodies of the dashboard's own forms and actions: a few KiB in practice. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export function tooLarge(maxBytes: number): Response {
  return jsonError(413, 'invalid', `The request body is larger than ${maxBytes} bytes`);
}

/** The body as UTF-8 text, or a 413 answer once more than `maxBytes` arrived (or were announced). */
export async function readTextBody(
  request: Request,
  { maxBytes = DEFAULT_MAX_BODY_BYTES }: { maxBytes?: number } = {},
): Promise<BodyResult<string>> {
  const announced = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(announced) && announced > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  if (!request.body) return { ok: true, value: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading: the rest of an oversized body is never buffered.
      await reader.cancel().catch(() => undefined);
      return { ok: false, response: tooLarge(maxBytes) };
    }
    chunks.push(value);
  }
  return { ok: true, value: Buffer.concat(chunks).toString('utf8') };
}

/** The body parsed as JSON (unknown: validate it with zod), 413 when too large, 400 when not JSON. */
export async function readJsonBody(
  request: Request,
  options: { maxBytes?: number } = {},
): Promise<BodyResult<unknown>> {
  const text = await readTextBody(request, options);
  if (!text.ok) return text;
  try {
    return { ok: true, value: JSON.parse(text.value) as unknown };
  } catch {
    return { ok: false, response: jsonError(400, 'invalid', 'The request body must be JSON') };
  }
}
