import 'server-only';

import { createHash, timingSafeEqual } from 'node:crypto';

import { serverEnv } from '@/server/env';

// The bearer token that opens /api/metrics and readiness details (WHEELHOUSE_METRICS_TOKEN). Compared
// as SHA-256 digests in constant time, so neither timing nor length says how close a guess was.

export type TokenCheck = 'disabled' | 'missing' | 'wrong' | 'ok';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function checkMetricsToken(authorization: string | null): TokenCheck {
  const expected = serverEnv().operations.metricsToken;
  if (!expected) return 'disabled';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return 'missing';
  return timingSafeEqual(digest(match[1]), digest(expected)) ? 'ok' : 'wrong';
}
