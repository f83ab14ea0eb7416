import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { currentIdentity } from '@/server/auth/identity';
import { LOCAL_PROVIDER_ID, OIDC_PROVIDER_ID } from '@/server/auth/providers';
import { serverEnv } from '@/server/env';

import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

interface SignInPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}

/** Only same-site paths: an absolute callbackUrl would make this page an open redirect. */
function safeReturnPath(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return '/';
  try {
    const url = new URL(v, 'http://wheelhouse.invalid');
    if (url.origin !== 'http://wheelhouse.invalid') {
      // next-auth passes absolute URLs of our own origin; keep only their path.
      const own = serverEnv().auth.publicUrl;
      return own && url.origin === new URL(own).origin ? `${url.pathname}${url.search}` : '/';
    }
    return v.startsWith('/') && !v.startsWith('//') ? `${url.pathname}${url.search}` : '/';
  } catch {
    return '/';
  }
}

// Unknown user and wrong password read the same, so the page never tells which names exist.
const ERRORS: Record<string, string> = {
  CredentialsSignin: 'Wrong user name or password.',
  RateLimited: 'Too many sign-in attempts. Wait a minute and try again.',
  AccessDenied: 'Your account cannot be used here: the identity provider sent no usable user name.',
  OAuthSignin: 'Could not reach the identity provider. Try again, or ask an administrator.',
  OAuthCallback: 'The identity provider’s answer could not be verified. Try again.',
  OAuthCreateAccount: 'The identity provider’s answer could not be verified. Try again.',
  Callback: 'Sign-in failed. Try again.',
  SessionRequired: 'Sign in to continue.',
};

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await currentIdentity()) redirect(returnTo);

  const { auth } = serverEnv();
  const errorCode = Array.isArray(params.error) ? params.error[0] : params.error;
  const error = errorCode ? (ERRORS[errorCode] ?? 'Sign-in failed. Try again.') : undefined;

  return (
    <main className="grid min-h-screen place-items-center bg-slate-100 px-4 dark:bg-slate-950">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded bg-sky-500 text-sm font-bold text-white">
            W
          </span>
          <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-100">Sign in to Wheelhouse</h1>
        </div>
        {auth.oidc || auth.local ? (
          <SignInForm
            oidc={auth.oidc ? { id: OIDC_PROVIDER_ID, name: auth.oidc.name } : undefined}
            localId={auth.local ? LOCAL_PROVIDER_ID : undefined}
            returnTo={returnTo}
            initialError={error}
          />
        ) : (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            No sign-in method is configured. An administrator must set WHEELHOUSE_USERS_FILE or WHEELHOUSE_OIDC_ISSUER.
          </p>
        )}
      </div>
    </main>
  );
}
