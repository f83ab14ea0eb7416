import 'server-only';

import { counter, gauge } from '@/server/observability/metrics';

import { auditDatabase } from './database';

// The audit log's own health (issue 10 §4): rows still pending (an outcome that was never written is
// a change nobody can see the result of) and writes that failed.

export const auditWriteFailures = counter<'stage'>({
  name: 'wheelhouse_audit_write_failures_total',
  help: 'Audit log writes that failed, by stage (attempt: the action was refused; outcome: retried, then logged)',
  labelNames: ['stage'],
});

gauge({
  name: 'wheelhouse_audit_pending_rows',
  help: 'Audit entries still pending (no outcome recorded yet)',
  async collect() {
    try {
      const db = await auditDatabase();
      const row = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('result', '=', 'pending')
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    } catch {
      // Unreachable database: no value rather than a wrong one; readiness reports the outage.
    }
  },
});
