// Vitest global setup: the throwaway PostgreSQL server for tests that run the audit store on
// PostgreSQL. Tests get the maintenance database's URL with `inject('postgresAdminUrl')` and create
// their own database in it (test-database.ts). The server stops when the last concurrent run ends.
import type { TestProject } from 'vitest/node';

import { ensurePostgres, takeLease } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const log = (m: string) => console.info(`[postgres] ${m}`);
  const release = takeLease(log);
  try {
    const server = await ensurePostgres(log);
    project.provide('postgresAdminUrl', server.url('postgres'));
  } catch (err) {
    release();
    throw err;
  }
  return release;
}
