// A second writer for the two-replica chain test (server/audit/replicas.int.test.ts): another
// process appending audit rows to the same database while the test appends its own, as a second
// replica would. Run with `tsx --conditions=react-server` (server-only modules).
//   tsx --conditions=react-server server/audit/testing/append-rows.ts '<target JSON>' <count>
import 'server-only';

import { randomUUID } from 'node:crypto';

import { openDatabase, type DatabaseTarget } from '../database';
import { AuditStore } from '../store';

async function main(): Promise<void> {
  const target = JSON.parse(process.argv[2] ?? '') as DatabaseTarget;
  const count = Number(process.argv[3] ?? 10);
  const db = await openDatabase(target);
  const store = new AuditStore(db);
  try {
    for (let i = 0; i < count; i++) {
      const id = await store.recordAttempt({
        requestId: randomUUID(),
        user: 'replica-b',
        groups: [],
        cluster: 'local',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        action: 'restart',
        params: { n: i },
      });
      await store.recordOutcome(id, { result: 'ok', message: null, status: null });
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
