'use client';

import { useState } from 'react';
import type { FormEvent } from 'react';

// Talks to next-auth's endpoints directly (CSRF token, then the provider's POST) so errors stay on
// this page: a rate limit (429) and a wrong password each get a clear message.

interface SignInFormProps {
  oidc?: { id: string; name: string };
  localId?: string;
  returnTo: string;
  initialError?: string;
}

async function csrfToken(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { cache: 'no-store' });
  const body = (await res.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new Error('no CSRF token');
  return body.csrfToken;
}

async function post(path: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: 'true' });
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export function SignInForm({ oidc, localId, returnTo, initialError }: SignInFormProps) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  async function signInLocal(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!localId) return;
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const res = await post(`/api/auth/callback/${localId}`, {
        username: String(form.get('username') ?? ''),
        password: String(form.get('password') ?? ''),
        callbackUrl: returnTo,
      });
      if (res.status === 429) {
        const wait = res.headers.get('retry-after');
        setError(`Too many sign-in attempts. Try again in ${wait ?? 'a few'} seconds.`);
        return;
      }
      // Password checks are bounded (ADR 0012): when all are busy the server asks to come back.
      if (res.status === 503) {
        setError('The server is busy checking other sign-ins. Try again in a moment.');
        return;
      }
      const { url } = (await res.json()) as { url?: string };
      const target = url ? new URL(url, window.location.href) : undefined;
      if (!res.ok || !target || target.searchParams.has('error')) {
        setError('Wrong user name or password.');
        return;
      }
      window.location.assign(returnTo);
    } catch {
      setError('Sign-in failed: the server could not be reached. Try again.');
    } finally {
      setBusy(false);
    }
  }

  async function signInOidc() {
    if (!oidc) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await post(`/api/auth/signin/${oidc.id}`, { callbackUrl: returnTo });
      const { url } = (await res.json()) as { url?: string };
      if (!url || new URL(url, window.location.href).searchParams.has('error')) throw new Error('no redirect');
      window.location.assign(url);
    } catch {
      setError('Could not reach the identity provider. Try again, or ask an administrator.');
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-5">
      {error ? (
        <p
          role="alert"
          data-testid="sign-in-error"
          className="rounded bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      {oidc ? (
        <button
          type="button"
          onClick={signInOidc}
          disabled={busy}
          className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60 dark:bg-sky-600 dark:hover:bg-sky-500"
        >
          Sign in with {oidc.name}
        </button>
      ) : null}
      {oidc && localId ? (
        <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-400 dark:text-slate-500">
          <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
          or
          <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
        </div>
      ) : null}
      {localId ? (
        <form onSubmit={signInLocal} className="flex flex-col gap-3" aria-label="Local account">
          <label className="flex flex-col gap-1 text-sm text-slate-700 dark:text-slate-300">
            User name
            <input
              name="username"
              autoComplete="username"
              required
              maxLength={253}
              className="rounded border border-slate-300 dark:border-slate-700 px-3 py-2 text-sm text-slate-900 dark:text-slate-100"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm text-slate-700 dark:text-slate-300">
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={1024}
              className="rounded border border-slate-300 dark:border-slate-700 px-3 py-2 text-sm text-slate-900 dark:text-slate-100"
            />
          </label>
          <button
            type="submit"
            disabled={busy}
            className="mt-1 rounded bg-sky-600 px-4 py-2 text-sm font-medium text-white hover:bg-sky-500 disabled:opacity-60"
          >
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      ) : null}
    </div>
  );
}
