// Signs in over plain HTTP, the way the browser form does (next-auth's CSRF token, then the
// credentials callback), and returns the Cookie header of the new session. For the benchmark, API
// tests and the Playwright fixture; no browser needed.

export class SignInError extends Error {
  override name = 'SignInError';
}

function cookiePairs(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0] ?? '')
    .filter(Boolean);
}

/** `Cookie` header value carrying the session of `user` (throws SignInError when refused). */
export async function signInWithPassword(baseUrl: string, user: string, password: string): Promise<string> {
  const base = baseUrl.replace(/\/$/, '');
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  if (!csrfResponse.ok) throw new SignInError(`GET /api/auth/csrf answered ${csrfResponse.status}`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  if (!csrfToken) throw new SignInError('no CSRF token from /api/auth/csrf');

  const response = await fetch(`${base}/api/auth/callback/local`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: cookiePairs(csrfResponse).join('; '),
    },
    body: new URLSearchParams({ csrfToken, username: user, password, callbackUrl: `${base}/`, json: 'true' }),
  });
  if (response.status === 429) {
    throw new SignInError(`sign-in rate limited; retry after ${response.headers.get('retry-after')} s`);
  }
  const session = cookiePairs(response).filter((c) =>
    /^(__Host-|__Secure-)?next-auth\.session-token(\.\d+)?=./.test(c),
  );
  if (session.length === 0) throw new SignInError(`sign-in as ${user} was refused (HTTP ${response.status})`);
  return session.join('; ');
}

/** Signs the session out (next-auth's CSRF-protected POST); the server revokes it at once. */
export async function signOutHttp(baseUrl: string, sessionCookie: string): Promise<void> {
  const base = baseUrl.replace(/\/$/, '');
  const csrfResponse = await fetch(`${base}/api/auth/csrf`, { headers: { Cookie: sessionCookie } });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  const response = await fetch(`${base}/api/auth/signout`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: [sessionCookie, ...cookiePairs(csrfResponse)].join('; '),
    },
    body: new URLSearchParams({ csrfToken: csrfToken ?? '', json: 'true' }),
  });
  if (!response.ok) throw new SignInError(`sign-out answered ${response.status}`);
}
