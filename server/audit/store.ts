import 'server-only';

import { randomUUID } from 'node:crypto';

import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';

import { parseChanges } from '@/lib/audit/changes';

import './audit-metrics';
import { appendWithLink } from './chain';
import { auditDatabase } from './database';
import type { AuditLogTable, Database } from './schema';
import type {
  AuditAttempt,
  AuditCursor,
  AuditEntry,
  AuditFilter,
  AuditOutcome,
  AuditPage,
  AuditPageRequest,
  AuditResult,
} from './types';

export interface StoreOptions {
  now?: () => Date;
}

/** Reads and writes the audit log. One instance per database; cheap to construct. */
export class AuditStore {
  private readonly now: () => Date;

  constructor(
    readonly db: Kysely<Database>,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Inserts the attempt as `pending`, with its chain link, and returns its id. */
  async recordAttempt(attempt: AuditAttempt): Promise<string> {
    const id = randomUUID();
    await appendWithLink(this.db, id, 'attempt', (trx) =>
      trx
        .insertInto('audit_log')
        .values({
          id,
          time: this.now().toISOString(),
          finished_at: null,
          request_id: attempt.requestId,
          user_name: attempt.user,
          groups: JSON.stringify(attempt.groups),
          cluster: attempt.cluster,
          kind: attempt.kind,
          namespace: attempt.namespace,
          name: attempt.name,
          action: attempt.action,
          params: JSON.stringify(attempt.params),
          resource_version: attempt.resourceVersion ?? null,
          reason: attempt.reason ?? null,
          result: 'pending',
          message: null,
          status: null,
          changes: null,
        })
        .execute(),
    );
    return id;
  }

  /**
   * Sets the outcome of a pending attempt, once, and chains it (its own link: the attempt's link
   * stays valid). Throws when the entry is missing or has another outcome.
   */
  async recordOutcome(id: string, outcome: AuditOutcome): Promise<void> {
    try {
      await appendWithLink(this.db, id, 'outcome', async (trx) => {
        const res = await trx
          .updateTable('audit_log')
          .set({
            result: outcome.result,
            message: outcome.message,
            status: outcome.status,
            changes: outcome.changes ? JSON.stringify(outcome.changes) : null,
            finished_at: this.now().toISOString(),
          })
          .where('id', '=', id)
          .where('result', '=', 'pending')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new NotPendingError(id);
      });
      return;
    } catch (err) {
      if (!(err instanceof NotPendingError)) throw err;
    }
    // A retry after a lost reply to a write that did commit finds the same outcome: done.
    const row = await this.db.selectFrom('audit_log').select('result').where('id', '=', id).executeTakeFirst();
    if (row?.result !== outcome.result) throw new Error(`audit entry ${id} is not pending`);
  }

  async get(id: string): Promise<AuditEntry | undefined> {
    const row = await this.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEntry(row) : undefined;
  }

  /** One page, newest first. */
  async list(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) => matching(eb, filter, page.before))
      .orderBy('time', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    const entries = rows.slice(0, page.limit).map(toEntry);
    const last = entries.at(-1);
    return { entries, next: rows.length > page.limit && last ? { time: last.time, id: last.id } : null };
  }

  /** The namespaces that occur in this cluster's log (for access checks and the filter menu). */
  async namespaces(cluster: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .select('namespace')
      .distinct()
      .where('cluster', '=', cluster)
      .where('namespace', 'is not', null)
      .orderBy('namespace')
      .execute();
    return rows.flatMap((r) => (r.namespace === null ? [] : [r.namespace]));
  }

  /** Every matching entry, newest first, read in batches (for exports of any size). */
  async *each(filter: AuditFilter, batchSize = 500): AsyncGenerator<AuditEntry> {
    let before: AuditCursor | undefined;
    for (;;) {
      const page = await this.list(filter, { limit: batchSize, before });
      yield* page.entries;
      if (!page.next) return;
      before = page.next;
    }
  }
}

class NotPendingError extends Error {
  constructor(id: string) {
    super(`audit entry ${id} is not pending`);
    this.name = 'NotPendingError';
  }
}

function matching(eb: ExpressionBuilder<Database, 'audit_log'>, f: AuditFilter, before?: AuditCursor) {
  const conds = [eb('cluster', '=', f.cluster)];
  if (f.user !== undefined) conds.push(eb('user_name', '=', f.user));
  if (f.namespace !== undefined) {
    conds.push(f.namespace === '' ? eb('namespace', 'is', null) : eb('namespace', '=', f.namespace));
  }
  if (f.action !== undefined) conds.push(eb('action', '=', f.action));
  if (f.result !== undefined) conds.push(eb('result', '=', f.result));
  if (f.from !== undefined) conds.push(eb('time', '>=', f.from));
  if (f.to !== undefined) conds.push(eb('time', '<', f.to));
  if (before) {
    conds.push(eb.or([eb('time', '<', before.time), eb.and([eb('time', '=', before.time), eb('id', '<', before.id)])]));
  }
  if (f.visibleTo) {
    const { user, namespaces } = f.visibleTo;
    const inNamespaces =
      namespaces === 'all'
        ? eb('namespace', 'is not', null)
        : namespaces.length
          ? eb('namespace', 'in', [...namespaces])
          : eb.lit(false);
    conds.push(eb.or([eb('user_name', '=', user), inNamespaces]));
  }
  return eb.and(conds);
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    time: row.time,
    finishedAt: row.finished_at,
    requestId: row.request_id,
    user: row.user_name,
    groups: parseJson(row.groups, (v): v is string[] => Array.isArray(v) && v.every((g) => typeof g === 'string'), []),
    cluster: row.cluster,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    action: row.action,
    params: parseJson(row.params, (v): v is Record<string, unknown> => typeof v === 'object' && v !== null, {}),
    resourceVersion: row.resource_version ?? undefined,
    reason: row.reason ?? undefined,
    result: row.result as AuditResult,
    message: row.message,
    status: row.status === null ? null : Number(row.status),
    changes: row.changes ? parseChanges(parseJson<unknown>(row.changes, (_v): _v is unknown => true, null)) : null,
  };
}

function parseJson<T>(text: string, guard: (v: unknown) => v is T, fallback: T): T {
  try {
    const value: unknown = JSON.parse(text);
    return guard(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

/** The store over the process-wide database. Rejects when the database cannot be opened. */
export async function auditStore(): Promise<AuditStore> {
  return new AuditStore(await auditDatabase());
}
