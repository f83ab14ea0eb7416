import 'server-only';

import type { Kysely } from 'kysely';

import { contentOf, GENESIS_HASH, linkHash, type ChainEvent, type ChainLink } from './chain';
import type { Database } from './schema';

// Walks the audit chain (ADR 0015) and reports, in chain order, the first entries that no longer
// match: a row changed after it was chained, a row removed, a link removed or altered, or a row (or
// an outcome) written around the chain. Used by `npm run audit:verify` and GET /api/audit/verify.

export type ChainProblemKind =
  | 'changed' // the row's content no longer hashes to its link
  | 'removed' // the link names a row that is gone
  | 'link-missing' // a gap in the sequence: links (and probably their rows) were deleted
  | 'link-altered' // the link's previous-hash does not match: links were rewritten or re-ordered
  | 'unchained' // a row (or its outcome) written without going through the chain
  | 'invalid-event';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** Position in the chain, when the problem is at a link. */
  seq?: number;
  entryId?: string;
  event?: ChainEvent;
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  /** Links checked. */
  links: number;
  /** The last link: record it elsewhere to detect a rewrite of the whole tail later. */
  head: { seq: number; hash: string } | null;
  /** The first problems in chain order (at most `limit`); problems[0] is the first change. */
  problems: ChainProblem[];
}

export async function verifyChain(db: Kysely<Database>, options: { batch?: number; limit?: number } = {}) {
  const batch = options.batch ?? 1000;
  const limit = options.limit ?? 20;
  const problems: ChainProblem[] = [];
  const note = (p: ChainProblem) => {
    if (problems.length < limit) problems.push(p);
  };
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let links = 0;
  let head: ChainReport['head'] = null;
  for (;;) {
    const rows = await db
      .selectFrom('audit_chain as c')
      .leftJoin('audit_log as l', 'l.id', 'c.entry_id')
      .select(['c.seq', 'c.entry_id', 'c.event', 'c.prev_hash', 'c.hash'])
      .select([
        'l.id',
        'l.time',
        'l.finished_at',
        'l.request_id',
        'l.user_name',
        'l.groups',
        'l.cluster',
        'l.kind',
        'l.namespace',
        'l.name',
        'l.action',
        'l.params',
        'l.resource_version',
        'l.reason',
        'l.result',
        'l.message',
        'l.status',
        'l.changes',
      ])
      .where('c.seq', '>=', expected)
      .orderBy('c.seq')
      .limit(batch)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      links++;
      if (seq !== expected) {
        note({
          kind: 'link-missing',
          seq: expected,
          detail: `links ${expected}…${seq - 1} are missing (entries were deleted before entry ${r.entry_id})`,
        });
      } else if (r.prev_hash !== prevHash) {
        note({ kind: 'link-altered', seq, entryId: r.entry_id, detail: 'the previous-hash does not match' });
      }
      const event = r.event;
      if (event !== 'attempt' && event !== 'outcome') {
        note({ kind: 'invalid-event', seq, entryId: r.entry_id, detail: `unknown event ${event}` });
      } else if (r.id === null) {
        note({ kind: 'removed', seq, entryId: r.entry_id, event, detail: `entry ${r.entry_id} was removed` });
      } else {
        const row = { ...r, id: r.id } as Parameters<typeof contentOf>[1];
        const hash = linkHash(seq, r.prev_hash, r.entry_id, event, contentOf(event, row));
        if (hash !== r.hash) {
          note({
            kind: 'changed',
            seq,
            entryId: r.entry_id,
            event,
            detail: `entry ${r.entry_id} was changed after it was recorded (${event})`,
          });
        }
      }
      // Continue from the stored hash: one edited row is reported once, not as a broken tail.
      prevHash = r.hash;
      expected = seq + 1;
      head = { seq, hash: r.hash };
    }
    if (rows.length < batch) break;
  }
  await unchained(db, note);
  return { ok: problems.length === 0, links, head, problems } satisfies ChainReport;
}

/** Rows with no attempt link, and finished rows with no outcome link. */
async function unchained(db: Kysely<Database>, note: (p: ChainProblem) => void): Promise<void> {
  const missingAttempt = await db
    .selectFrom('audit_log as l')
    .leftJoin('audit_chain as c', (j) => j.onRef('c.entry_id', '=', 'l.id').on('c.event', '=', 'attempt'))
    .select(['l.id'])
    .where('c.seq', 'is', null)
    .orderBy('l.time')
    .limit(20)
    .execute();
  for (const r of missingAttempt) {
    note({
      kind: 'unchained',
      entryId: r.id,
      event: 'attempt',
      detail: `entry ${r.id} was inserted outside the chain`,
    });
  }
  const missingOutcome = await db
    .selectFrom('audit_log as l')
    .leftJoin('audit_chain as c', (j) => j.onRef('c.entry_id', '=', 'l.id').on('c.event', '=', 'outcome'))
    .select(['l.id'])
    .where('c.seq', 'is', null)
    .where('l.result', '!=', 'pending')
    .orderBy('l.time')
    .limit(20)
    .execute();
  for (const r of missingOutcome) {
    note({
      kind: 'unchained',
      entryId: r.id,
      event: 'outcome',
      detail: `entry ${r.id} has an outcome that was written outside the chain`,
    });
  }
}

/** The chain links of these entries (for exports): entry id → its attempt and outcome links. */
export async function linksFor(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, ChainLink[]>> {
  const out = new Map<string, ChainLink[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('audit_chain')
    .selectAll()
    .where('entry_id', 'in', [...ids])
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const list = out.get(r.entry_id) ?? [];
    list.push({
      seq: Number(r.seq),
      entryId: r.entry_id,
      event: r.event === 'outcome' ? 'outcome' : 'attempt',
      prevHash: r.prev_hash,
      hash: r.hash,
    });
    out.set(r.entry_id, list);
  }
  return out;
}
