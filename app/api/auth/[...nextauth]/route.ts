import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';

import { authOptions } from '@/server/auth/options';
import { passwordSignIn } from '@/server/auth/password-sign-in';
import { LOCAL_PROVIDER_ID } from '@/server/auth/providers';

// next-auth's endpoints (sign-in, callbacks, CSRF token, session, sign-out) under /api/auth/*.
// Password sign-ins go through `passwordSignIn` (one parse of the body, the sign-in budgets, password
// checks off the main thread; ADR 0012); next-auth itself checks its double-submit CSRF token on
// every POST.

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
    return privateResponse(await passwordSignIn(request, (canonical) => handler(canonical, context)));
  }
  return privateResponse(await handler(request, context));
}

// Session and CSRF answers are per person: never cached by a browser or a proxy.
function privateResponse(response: Response): Response {
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
}
