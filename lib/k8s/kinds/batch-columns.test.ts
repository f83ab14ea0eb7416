import { describe, expect, it } from 'vitest';

import { cronJobsKind } from '@/lib/k8s/kinds/cronjobs';
import { jobsKind } from '@/lib/k8s/kinds/jobs';
import type { KubeObject } from '@/lib/k8s/object';

// Fixtures as a v1.31 job controller writes Job status; expectations from kubectl's printJob and
// printCronJob (kubernetes/kubernetes pkg/printers/internalversion/printers.go, v1.31).
const NOW = '2026-01-01T00:10:00Z';
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  uid: name,
  name,
  namespace: 'batch',
  resourceVersion: '1',
  creationTimestamp: '2026-01-01T00:00:00Z',
  ...extra,
});
const job = (status: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  jobsKind.toSummary({ metadata: meta('j', extra), spec: { completions: 1 }, status } as unknown as KubeObject);
const cell = (id: string, s: ReturnType<typeof job>) => {
  const c = jobsKind.columns?.find((x) => x.id === id);
  return c?.display ? c.display(s, NOW) : c?.value(s);
};
const cond = (type: string) => ({ type, status: 'True' });
const started = { startTime: '2026-01-01T00:06:08Z' };

describe('Jobs: STATUS and DURATION as printJob, v1.31', () => {
  it('DURATION of a running Job is the time since it started', () => {
    const s = job({ ...started, active: 1 });
    expect(cell('status', s)).toBe('Running');
    expect(cell('duration', s)).toBe('3m52s');
  });

  it('DURATION of a failed Job (no completionTime on current versions) is the time since it started', () => {
    const s = job({ ...started, failed: 7, conditions: [cond('FailureTarget'), cond('Failed')] });
    expect(cell('status', s)).toBe('Failed');
    expect(cell('duration', s)).toBe('3m52s');
  });

  it('a finished Job keeps its fixed duration; a Job that never started has none', () => {
    const s = job({ ...started, completionTime: '2026-01-01T00:06:13Z', conditions: [cond('Complete')] });
    expect([cell('status', s), cell('duration', s)]).toEqual(['Complete', '5s']);
    expect(cell('duration', job({}))).toBe('');
  });

  it('orders conditions as kubectl: Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet', () => {
    const deleting = { deletionTimestamp: '2026-01-01T00:09:00Z' };
    expect(cell('status', job({ conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }))).toBe('Complete');
    expect(cell('status', job({ conditions: [cond('Suspended')] }, deleting))).toBe('Terminating');
    expect(cell('status', job({ conditions: [cond('Failed')] }, deleting))).toBe('Failed');
    expect(cell('status', job({ conditions: [cond('Suspended')] }))).toBe('Suspended');
    expect(cell('status', job({ conditions: [cond('FailureTarget')] }))).toBe('FailureTarget');
    expect(cell('status', job({ conditions: [cond('SuccessCriteriaMet')] }))).toBe('SuccessCriteriaMet');
    // kubectl reads the Suspended condition, not spec.suspend, and prints Running with no pods yet.
    expect(cell('status', job({ active: 0 }))).toBe('Running');
    expect(cell('status', job({ conditions: [{ type: 'Suspended', status: 'False' }] }))).toBe('Running');
  });
});

describe('CronJobs: TIMEZONE as printCronJob, v1.31', () => {
  const cron = (spec: Record<string, unknown>) =>
    cronJobsKind.toSummary({ metadata: meta('c'), spec, status: {} } as unknown as KubeObject);
  const tz = (s: ReturnType<typeof cron>) => cronJobsKind.columns?.find((x) => x.id === 'timezone')?.value(s);
  it('prints spec.timeZone, or <none>', () => {
    expect(tz(cron({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }))).toBe('Europe/Berlin');
    expect(tz(cron({ schedule: '0 3 * * *' }))).toBe('<none>');
    expect(cronJobsKind.columns?.map((c) => c.id).slice(0, 3)).toEqual(['schedule', 'timezone', 'suspend']);
  });
});
