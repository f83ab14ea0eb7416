import 'server-only';

import { serverEnv } from '@/server/env';

// Who is asking. Until sign-in lands (issue 4) this is the development identity from the environment;
// with none configured nobody is signed in, and every entry point answers 401. There is deliberately
// no fallback to the dashboard's own identity: it would give every visitor the dashboard's rights.

export interface Identity {
  user: string;
  groups: string[];
}

export async function currentIdentity(): Promise<Identity | null> {
  const dev = serverEnv().devIdentity;
  return dev ? { user: dev.user, groups: [...dev.groups] } : null;
}
