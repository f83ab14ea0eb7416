import 'server-only';

import { serverEnv } from '@/server/env';

import { bucketKey, countRateLimited, tooManyRequests } from './rate-limit';
import { sharedLimitStore } from './rate-limit-store';

// Writes per signed-in user (WHEELHOUSE_MUTATIONS_PER_MINUTE, default 120), in the shared store so the
// budget is one per person whichever replica answers (issue 10 §3, ADR 0012).

/** A 429 answer when `user` has spent their write budget, otherwise null (a token was taken). */
export async function limitMutation(user: string): Promise<Response | null> {
  const policy = { capacity: serverEnv().rateLimits.mutationsPerMinute, periodMs: 60_000 };
  const result = await sharedLimitStore().take(bucketKey('mutation', user), policy, Date.now());
  if (result.ok) return null;
  countRateLimited('mutation');
  return tooManyRequests(result.retryAfterSeconds);
}
