import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';

import { authOptions } from '@/server/auth/options';
import { LOCAL_PROVIDER_ID } from '@/server/auth/providers';
import { clientIp, normalUser, signinKey } from '@/server/security/client-ip';
import { takeToken, tooManyRequests } from '@/server/security/rate-limit';

// next-auth's endpoints (sign-in, callbacks, CSRF token, session, sign-out) under /api/auth/*.
// Password attempts are rate limited here, per client address and user name, before any bcrypt work;
// next-auth itself checks its double-submit CSRF token on every POST.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ nextauth: string[] }>;
}

function handler(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

export async function GET(request: NextRequest, context: Context): Promise<Response> {
  const response = await handler(request, context);
  return privateResponse(response);
}

export async function POST(request: NextRequest, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth[0] === 'callback' && nextauth[1] === LOCAL_PROVIDER_ID) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const field = form?.get('username');
    const user = typeof field === 'string' ? field : '';
    const taken = takeToken('signin', signinKey(clientIp(request.headers), user));
    if (!taken.ok) return tooManyRequests(taken.retryAfterSeconds);
    const perUser = takeToken('signin-user', normalUser(user));
    if (!perUser.ok) return tooManyRequests(perUser.retryAfterSeconds);
  }
  return privateResponse(await handler(request, context));
}

// Session and CSRF answers are per person: never cached by a browser or a proxy.
function privateResponse(response: Response): Response {
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
}
