import 'server-only';

import type { Kysely, Migration } from 'kysely';

// Rate-limit buckets and known sign-in addresses, shared by every replica (ADR 0012,
// server/security/rate-limit-store.ts). Keys are sha256 hashes (never a typed user name or an
// address); times are epoch milliseconds, hence `bigint` (SQLite stores it as its 64-bit integer).

export const rateLimits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rate_limit')
      .addColumn('key', 'text', (c) => c.primaryKey())
      // GCRA "theoretical arrival time": the bucket is full again once this is in the past.
      .addColumn('tat', 'bigint', (c) => c.notNull())
      // Whether the latest take was allowed (1) or refused (0): the upsert's RETURNING reads it.
      .addColumn('allowed', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rate_limit_tat').on('rate_limit').column('tat').execute();

    await db.schema
      .createTable('known_sign_in')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('known_sign_in_expires_at').on('known_sign_in').column('expires_at').execute();
  },
};
