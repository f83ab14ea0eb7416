// Issue 15 item 5 on PostgreSQL (a fresh database on the throwaway server): see audit-changes-suite.ts.
import { afterAll, inject } from 'vitest';

import { createTestDatabase } from '@/local-cluster/postgres/test-database';
import { closeAuditDatabase } from '@/server/audit/database';
import { auditChangesSuite } from '@/server/k8s/actions/audit-changes-suite';

const database = await createTestDatabase(inject('postgresAdminUrl'), 'wh_changes');
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await closeAuditDatabase();
  await database.drop();
});

auditChangesSuite('PostgreSQL');
