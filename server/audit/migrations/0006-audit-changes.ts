import 'server-only';

import type { Kysely, Migration } from 'kysely';

// What each write changed (issue 15 item 5): the spec fields before → after, as JSON text
// (lib/audit/changes.ts), set with the outcome. Nullable: older rows have none, and their chain links
// still verify because the outcome's canonical content includes `changes` only when it is set
// (server/audit/chain.ts).

export const auditChanges: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('audit_log').addColumn('changes', 'text').execute();
  },
};
