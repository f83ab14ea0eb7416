// Small HTTP probes the two-replica test sends to one replica or to the balancer: which server process
// answered, whether a session cookie is accepted, a raw sign-in attempt and a write action.

/**
 * The boot id of the server process that answers an event stream on `baseUrl`. Every stream event id
 * is `<boot id>-<sequence>` (server/k8s/stream-hub.ts), and the boot id is random per process, so two
 * replicas never share one. Reads up to the first event, then closes the stream.
 */
export async function streamBootId(baseUrl: string, cookie: string, sub: string): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const res = await fetch(`${baseUrl}/api/stream?sub=${encodeURIComponent(sub)}`, {
      headers: { Cookie: cookie, Accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`GET /api/stream answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before its first event: ${text}`);
      text += value;
      const id = /^id: ([0-9a-f]+)-\d+$/m.exec(text);
      if (id?.[1]) return id[1];
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** HTTP status of a signed-in read (a namespace's pod list): 200 accepted, 401 refused. */
export async function sessionStatus(baseUrl: string, cookie: string, namespace: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/k8s/local/pods?namespace=${encodeURIComponent(namespace)}`, {
    headers: { Cookie: cookie },
    signal: AbortSignal.timeout(20_000),
  });
  await res.body?.cancel();
  return res.status;
}

function cookiePairs(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0] ?? '')
    .filter(Boolean);
}

/** One password attempt against the local provider; the HTTP status of the credentials callback. */
export async function signInAttempt(baseUrl: string, user: string, password: string): Promise<number> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(20_000) });
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/local`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiePairs(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken: csrfToken ?? '', username: user, password, json: 'true' }),
    signal: AbortSignal.timeout(20_000),
  });
  await res.body?.cancel();
  return res.status;
}

export interface ActionAnswer {
  status: number;
  body: { ok?: boolean; code?: string; message?: string };
}

/** POST a write action as the browser would (JSON body, the dashboard's public Origin). */
export async function postAction(
  baseUrl: string,
  origin: string,
  cookie: string,
  path: string,
  body: Record<string, unknown>,
): Promise<ActionAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as ActionAnswer['body'] };
}

/**
 * Session renewal (next-auth's GET /api/auth/session, which re-issues the cookie): the user name it
 * answers, and whether it handed out a renewed session cookie.
 */
export async function renewSession(baseUrl: string, cookie: string): Promise<{ user?: string; renewed: boolean }> {
  const res = await fetch(`${baseUrl}/api/auth/session`, {
    headers: { Cookie: cookie },
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await res.json().catch(() => ({}))) as { user?: { name?: string } };
  const renewed = cookiePairs(res).some((c) => /^(__Host-|__Secure-)?next-auth\.session-token(\.\d+)?=./.test(c));
  return { user: body.user?.name, renewed };
}
