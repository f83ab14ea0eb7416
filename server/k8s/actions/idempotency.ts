import 'server-only';

import type { ActionResult } from '@/lib/k8s/rollout/actions';

// Double submission protection on the server (the dialog also disables its button): the first
// request with a given request id runs; a repeat with the same id and body gets the same answer
// without a second write; a repeat with a different body is refused. Ids are per person.

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

interface Entry {
  body: string;
  result: Promise<ActionResult>;
  expires: number;
}

const KEY = Symbol.for('wheelhouse.actions.idempotency');
type Holder = typeof globalThis & { [KEY]?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  const g = globalThis as Holder;
  g[KEY] ??= new Map();
  return g[KEY];
}

export function once(
  user: string,
  requestId: string,
  body: string,
  run: () => Promise<ActionResult>,
): Promise<ActionResult> {
  const map = entries();
  const now = Date.now();
  const key = `${user}\u0000${requestId}`;
  const hit = map.get(key);
  if (hit && hit.expires > now) {
    if (hit.body !== body) {
      return Promise.resolve({
        ok: false,
        code: 'invalid',
        message: 'This request id was already used for a different change; open the dialog again',
      });
    }
    return hit.result;
  }
  for (const [k, e] of map) {
    if (map.size < MAX_ENTRIES && e.expires > now) break;
    map.delete(k);
  }
  const result = run();
  map.set(key, { body, result, expires: now + TTL_MS });
  return result;
}
