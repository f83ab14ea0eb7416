import 'server-only';

import { createHash } from 'node:crypto';

import { sql, PostgresAdapter, type Kysely, type Selectable, type Transaction } from 'kysely';

import type { AuditLogTable, Database } from './schema';

// Tamper evidence for the audit log (ADR 0015). Every change to the log appends one link to
// `audit_chain`: the attempt (row inserted as pending) and, separately, its outcome (the one update a
// row ever gets). A link's hash covers its position, the previous link's hash, the entry id, the
// event and a canonical serialization of the row's columns for that event, so editing a row, deleting
// it, re-ordering links or inserting a row outside the chain is found by walking the chain
// (`verifyChain`). The canonical form below is a format: changing it breaks every existing chain —
// add a new version instead.

export const GENESIS_HASH = '0'.repeat(64);
const VERSION = 'wheelhouse-audit-chain-v1';

export type ChainEvent = 'attempt' | 'outcome';
type Row = Selectable<AuditLogTable>;

/** The columns an attempt fixes, in a fixed order, as stored (JSON columns as their stored text). */
export function attemptContent(row: Row): string {
  return JSON.stringify([
    row.id,
    row.time,
    row.request_id,
    row.user_name,
    row.groups,
    row.cluster,
    row.kind,
    row.namespace,
    row.name,
    row.action,
    row.params,
    row.resource_version,
    row.reason,
  ]);
}

/**
 * The columns the outcome sets. `changes` (migration 0006) is appended only when the row has it, so
 * every outcome hashed before it existed keeps its content and still verifies; removing or adding it
 * later changes the content, so either is detected.
 */
export function outcomeContent(row: Row): string {
  const content: unknown[] = [
    row.id,
    row.result,
    row.message,
    row.status === null ? null : Number(row.status),
    row.finished_at,
  ];
  if (row.changes !== null && row.changes !== undefined) content.push(row.changes);
  return JSON.stringify(content);
}

export function contentOf(event: ChainEvent, row: Row): string {
  return event === 'attempt' ? attemptContent(row) : outcomeContent(row);
}

export function linkHash(seq: number, prevHash: string, entryId: string, event: ChainEvent, content: string): string {
  return createHash('sha256')
    .update(JSON.stringify([VERSION, seq, prevHash, entryId, event, content]))
    .digest('hex');
}

export interface ChainLink {
  seq: number;
  entryId: string;
  event: ChainEvent;
  prevHash: string;
  hash: string;
}

// Any 64-bit key no other code uses: serialises appenders across every replica (PostgreSQL).
const PG_CHAIN_LOCK = 0x77686c63; // "whlc"

/**
 * Runs `write` (which inserts or updates audit row `entryId`) and appends its chain link in ONE
 * transaction holding the chain's write lock, so two replicas appending at once cannot fork the
 * chain and a crash cannot leave a change without its link. PostgreSQL: a transaction-scoped
 * advisory lock. SQLite: BEGIN IMMEDIATE takes the database's single write lock up front (a deferred
 * transaction could read the head and then fail to upgrade).
 */
export async function appendWithLink<T>(
  db: Kysely<Database>,
  entryId: string,
  event: ChainEvent,
  write: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${PG_CHAIN_LOCK})`.execute(trx);
      return linkInside(trx, entryId, event, write);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const value = await linkInside(conn, entryId, event, write);
      await sql`commit`.execute(conn);
      return value;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

async function linkInside<T>(
  trx: Kysely<Database> | Transaction<Database>,
  entryId: string,
  event: ChainEvent,
  write: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const value = await write(trx);
  // Hash what was stored, read back inside the transaction, not what we meant to store.
  const row = await trx.selectFrom('audit_log').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
  const head = await trx
    .selectFrom('audit_chain')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = head ? Number(head.seq) + 1 : 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_chain')
    .values({
      seq,
      entry_id: entryId,
      event,
      prev_hash: prevHash,
      hash: linkHash(seq, prevHash, entryId, event, contentOf(event, row)),
    })
    .execute();
  return value;
}
