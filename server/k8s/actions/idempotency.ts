import 'server-only';

import { createHash } from 'node:crypto';

import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { ActionResult } from '@/lib/k8s/rollout/actions';
import { auditDatabase } from '@/server/audit/database';
import type { Database } from '@/server/audit/schema';
import { logger } from '@/server/observability/log';

// Double submission protection on the server (the dialog also disables its button): the first
// request with a given request id runs; a repeat with the same id and body gets the same answer
// without a second write; a repeat with a different body is refused. Ids are per person.
//
// Across replicas (ADR 0011) the first request CLAIMS (user, request id) in the shared database — a
// primary key, so of two replicas inserting at once exactly one succeeds — runs, and stores its
// answer there. A replica that loses the claim waits for that answer and returns it, as the
// in-memory path does for a repeat on the same replica.

const log = logger('actions');
const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

const storedAnswer = z.union([
  z.object({
    ok: z.literal(true),
    message: z.string(),
    resourceVersion: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);

const differentChange: ActionResult = {
  ok: false,
  code: 'invalid',
  message: 'This request id was already used for a different change; open the dialog again',
};

export interface ClaimOptions {
  now?: () => Date;
  /** How long a replica that lost the claim waits for the winner's answer. */
  waitMs?: number;
  pollMs?: number;
}

export class RequestClaims {
  private readonly now: () => Date;
  private readonly waitMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    options: ClaimOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.waitMs = options.waitMs ?? 30_000;
    this.pollMs = options.pollMs ?? 100;
  }

  async once(user: string, requestId: string, body: string, run: () => Promise<ActionResult>): Promise<ActionResult> {
    const bodyHash = createHash('sha256').update(body).digest('base64url');
    const now = this.now();
    // A claim older than the window no longer blocks the id (as the in-memory entries expired).
    await this.db
      .deleteFrom('action_request')
      .where('created_at', '<', new Date(now.getTime() - TTL_MS).toISOString())
      .execute();
    const claimed = await this.db
      .insertInto('action_request')
      .values({
        user_name: user,
        request_id: requestId,
        body_hash: bodyHash,
        created_at: now.toISOString(),
        finished_at: null,
        answer: null,
      })
      .onConflict((oc) => oc.columns(['user_name', 'request_id']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 1) return this.runClaimed(user, requestId, run);
    return this.awaitAnswer(user, requestId, bodyHash);
  }

  private async runClaimed(user: string, requestId: string, run: () => Promise<ActionResult>): Promise<ActionResult> {
    let answer: ActionResult;
    try {
      answer = await run();
    } catch (err) {
      log.error({ err, requestId }, 'action failed unexpectedly');
      answer = { ok: false, code: 'failed', message: 'The action failed unexpectedly; see the server log' };
    }
    try {
      await this.db
        .updateTable('action_request')
        .set({ answer: JSON.stringify(answer), finished_at: this.now().toISOString() })
        .where('user_name', '=', user)
        .where('request_id', '=', requestId)
        .execute();
    } catch (err) {
      // The change happened (or not) regardless: answer the person; a repeat elsewhere will wait out.
      log.error({ err, requestId }, 'could not store the answer to an action request');
    }
    return answer;
  }

  private async awaitAnswer(user: string, requestId: string, bodyHash: string): Promise<ActionResult> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const row = await this.db
        .selectFrom('action_request')
        .select(['body_hash', 'answer'])
        .where('user_name', '=', user)
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      if (row && row.body_hash !== bodyHash) return differentChange;
      if (row?.answer) {
        const parsed = storedAnswer.safeParse(JSON.parse(row.answer));
        if (parsed.success) return parsed.data as ActionResult;
        return { ok: false, code: 'failed', message: 'The earlier answer to this request cannot be read' };
      }
      if (Date.now() > deadline) {
        return {
          ok: false,
          code: 'conflict',
          message: 'This change is still being applied by another request with the same id; reload to see its result',
        };
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}

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

/**
 * Runs `run` once per (user, request id) across all replicas. A repeat on this replica shares the
 * first one's promise without asking the database; otherwise the database claim decides.
 */
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
  if (hit && hit.expires > now) return hit.body === body ? hit.result : Promise.resolve(differentChange);
  for (const [k, e] of map) {
    if (map.size < MAX_ENTRIES && e.expires > now) break;
    map.delete(k);
  }
  const result = claimAndRun(user, requestId, body, run);
  map.set(key, { body, result, expires: now + TTL_MS });
  return result;
}

async function claimAndRun(
  user: string,
  requestId: string,
  body: string,
  run: () => Promise<ActionResult>,
): Promise<ActionResult> {
  try {
    return await new RequestClaims(await auditDatabase()).once(user, requestId, body, run);
  } catch (err) {
    // Without the claim nothing is sent: the same rule as an audit log that cannot record.
    log.error({ err, requestId }, 'cannot claim the action request id; refusing the action');
    return {
      ok: false,
      code: 'audit-unavailable',
      message: 'The audit log is unavailable; the change was not sent to the cluster',
    };
  }
}
