import 'server-only';

import type { Kysely, Migration } from 'kysely';

import { contentOf, GENESIS_HASH, linkHash, type ChainEvent } from '../chain';
import type { Database } from '../schema';

// The audit log's hash chain (ADR 0015): one link per attempt and one per outcome. Rows written
// before this migration are chained now, in (time, id) order, each finished row's outcome right
// after its attempt, so an existing log is protected from here on.

export const auditChain: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_chain')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addUniqueConstraint('audit_chain_entry_event', ['entry_id', 'event'])
      .execute();

    const typed = db as unknown as Kysely<Database>;
    const rows = await typed.selectFrom('audit_log').selectAll().orderBy('time').orderBy('id').execute();
    let prevHash = GENESIS_HASH;
    let seq = 0;
    const links: Database['audit_chain'][] = [];
    const link = (row: (typeof rows)[number], event: ChainEvent) => {
      seq++;
      const hash = linkHash(seq, prevHash, row.id, event, contentOf(event, row));
      links.push({ seq, entry_id: row.id, event, prev_hash: prevHash, hash });
      prevHash = hash;
    };
    for (const row of rows) {
      link(row, 'attempt');
      if (row.result !== 'pending') link(row, 'outcome');
    }
    for (let i = 0; i < links.length; i += 500) {
      await typed
        .insertInto('audit_chain')
        .values(links.slice(i, i + 500))
        .execute();
    }
  },
};
