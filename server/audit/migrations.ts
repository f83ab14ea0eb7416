import 'server-only';

import type { Kysely, Migration, MigrationProvider } from 'kysely';

import { replicaState } from './migrations/0003-replica-state';
import { auditChain } from './migrations/0004-audit-chain';
import { rateLimits } from './migrations/0005-rate-limits';
import { auditChanges } from './migrations/0006-audit-changes';

// In-code migrations (no migration files to ship or locate at run time). Names sort in the order
// they apply; never edit one that has shipped, add the next instead. Only portable column types
// (text, integer) so the same migration runs on SQLite and PostgreSQL.

const migrations: Record<string, Migration> = {
  '0001_audit_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('cluster', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('namespace', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('resource_version', 'text')
        .addColumn('reason', 'text')
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('status', 'integer')
        .execute();
      // The Activity page always filters by cluster and orders by (time, id) descending; each
      // filter gets an index that serves "equal on X, newest first" without a sort.
      const indexes: [string, string[]][] = [
        ['audit_log_cluster_time', ['cluster', 'time', 'id']],
        ['audit_log_cluster_user_time', ['cluster', 'user_name', 'time']],
        ['audit_log_cluster_namespace_time', ['cluster', 'namespace', 'time']],
        ['audit_log_cluster_action_time', ['cluster', 'action', 'time']],
        ['audit_log_cluster_result_time', ['cluster', 'result', 'time']],
        ['audit_log_request_id', ['request_id']],
      ];
      for (const [name, columns] of indexes) {
        await db.schema.createIndex(name).on('audit_log').columns(columns).execute();
      }
    },
  },
  '0002_elevation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('elevation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('cluster', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema
        .createIndex('elevation_user_cluster_expires')
        .on('elevation')
        .columns(['user_name', 'cluster', 'expires_at'])
        .execute();
    },
  },
  '0003_replica_state': replicaState,
  '0004_audit_chain': auditChain,
  '0005_rate_limits': rateLimits,
  '0006_audit_changes': auditChanges,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
