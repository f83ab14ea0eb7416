import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { metricsRegistry } from '@/server/observability/metrics';

import './audit-metrics';
import { auditDatabase } from './database';
import { AuditStore } from './store';

process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-audit-metrics-'));
delete process.env.DATABASE_URL;

afterAll(async () => (await auditDatabase()).destroy());

async function pendingRows(): Promise<number> {
  const metric = await metricsRegistry().getSingleMetric('wheelhouse_audit_pending_rows')?.get();
  return metric?.values[0]?.value ?? Number.NaN;
}

describe('wheelhouse_audit_pending_rows', () => {
  it('counts entries still waiting for their outcome, read at scrape time', async () => {
    const store = new AuditStore(await auditDatabase());
    const attempt = {
      requestId: 'r',
      user: 'alice',
      groups: [],
      cluster: 'local',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      action: 'scale',
      params: {},
    };
    const a = await store.recordAttempt(attempt);
    await store.recordAttempt(attempt);
    expect(await pendingRows()).toBe(2);
    await store.recordOutcome(a, { result: 'ok', message: null, status: null });
    expect(await pendingRows()).toBe(1);
  });
});
