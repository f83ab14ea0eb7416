import { randomInt } from 'node:crypto';

// Raw password sign-in attempts over HTTP for the sign-in limit tests (e2e/sign-in-limits.spec.ts,
// bench/signin-flood.ts): any body (duplicate fields, JSON), any client address. The server reads the
// client address from the last X-Forwarded-For entry (server/security/client-ip.ts) — what a reverse
// proxy in front appends — so a test can speak "from" many addresses.

export interface Csrf {
  token: string;
  cookie: string;
}

/** A CSRF token and its cookie; next-auth accepts the pair for any number of POSTs. */
export async function csrfFor(baseUrl: string): Promise<Csrf> {
  const res = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error('no CSRF token from /api/auth/csrf');
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0] ?? '')
    .filter(Boolean)
    .join('; ');
  return { token: csrfToken, cookie };
}

export interface Attempt {
  status: number;
  retryAfter: number | null;
  /** The session cookie, when this attempt signed someone in. */
  session: string | null;
  /** The JSON error message of a 4xx answered before next-auth (400, 413, 415, 429, 503). */
  message: string | null;
}

export type AttemptBody = { form: [string, string][] } | { json: string } | { raw: string; contentType: string };

export async function attempt(baseUrl: string, csrf: Csrf, body: AttemptBody, address?: string): Promise<Attempt> {
  const headers: Record<string, string> = { Cookie: csrf.cookie };
  if (address) headers['X-Forwarded-For'] = address;
  let payload: string;
  if ('form' in body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(body.form).toString();
  } else if ('json' in body) {
    headers['Content-Type'] = 'application/json';
    payload = body.json;
  } else {
    headers['Content-Type'] = body.contentType;
    payload = body.raw;
  }
  const res = await fetch(`${baseUrl}/api/auth/callback/local`, {
    method: 'POST',
    redirect: 'manual',
    headers,
    body: payload,
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0] ?? '')
    .filter((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=./.test(c));
  const text = await res.text();
  let message: string | null = null;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    message = parsed.error?.message ?? null;
  } catch {
    message = null;
  }
  const retryAfter = res.headers.get('retry-after');
  return {
    status: res.status,
    retryAfter: retryAfter === null ? null : Number(retryAfter),
    session: session.length > 0 ? session.join('; ') : null,
    message,
  };
}

/** A well-formed password attempt as the sign-in form sends it. */
export function passwordForm(csrf: Csrf, username: string, password: string): AttemptBody {
  return {
    form: [
      ['csrfToken', csrf.token],
      ['username', username],
      ['password', password],
      ['json', 'true'],
    ],
  };
}

/** A random address in 10.0.0.0/8, so runs (and tests) do not share per-address budgets. */
export function randomAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function madeUpName(prefix: string): string {
  return `${prefix}-${randomInt(1e9).toString(36)}`;
}
