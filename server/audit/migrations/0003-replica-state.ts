import 'server-only';

import type { Kysely, Migration } from 'kysely';

// State every replica must share (ADR 0011): revoked sessions, and claims on action request ids so
// that one request id is applied once whichever replica receives it.

export const replicaState: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('session_revocation')
      .addColumn('sid', 'text', (c) => c.primaryKey())
      .addColumn('revoked_at', 'text', (c) => c.notNull())
      // After this the session's cookie is dead anyway (absolute lifetime): the row can be pruned.
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    // Replicas poll "revoked since my last look".
    await db.schema
      .createIndex('session_revocation_revoked_at')
      .on('session_revocation')
      .column('revoked_at')
      .execute();

    await db.schema
      .createTable('action_request')
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      /** sha256 of the request's canonical body: a repeat with another body is refused. */
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      /** The JSON answer given to the first request; null while it runs. */
      .addColumn('answer', 'text')
      .addPrimaryKeyConstraint('action_request_pk', ['user_name', 'request_id'])
      .execute();
    await db.schema.createIndex('action_request_created_at').on('action_request').column('created_at').execute();
  },
};
