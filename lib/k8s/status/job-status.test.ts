import { describe, expect, it } from 'vitest';

import { jobStatus } from '@/lib/k8s/status/job-status';

const NOW = Date.parse('2026-01-01T00:10:00Z');

describe('jobStatus (kubectl printJob + conditions)', () => {
  it('prints completions and duration of a finished Job', () => {
    const s = jobStatus(
      {
        spec: { completions: 1 },
        status: {
          succeeded: 1,
          startTime: '2026-01-01T00:00:00Z',
          completionTime: '2026-01-01T00:00:08Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      },
      NOW,
    );
    expect(s).toEqual({ word: 'Complete', completions: '1/1', durationMs: 8000, message: 'Job completed' });
  });

  it('names the failure reason (the seeded backfill-2 fails with BackoffLimitExceeded)', () => {
    const s = jobStatus(
      {
        spec: { completions: 1 },
        status: {
          failed: 1,
          startTime: '2026-01-01T00:00:00Z',
          conditions: [
            {
              type: 'Failed',
              status: 'True',
              reason: 'BackoffLimitExceeded',
              message: 'Job has reached the specified backoff limit',
            },
          ],
        },
      },
      NOW,
    );
    expect(s.word).toBe('Failed');
    expect(s.message).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(s.durationMs).toBe(600_000);
  });

  it('shows work-queue completions and running state', () => {
    const s = jobStatus({ spec: { parallelism: 3 }, status: { active: 3 } }, NOW);
    expect(s).toMatchObject({ word: 'Running', completions: '0/1 of 3', durationMs: undefined });
    // kubectl reads the controller's Suspended condition, not spec.suspend (set before the controller acts).
    expect(jobStatus({ spec: { suspend: true } }, NOW).word).toBe('Running');
    const suspended = { conditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended' }] };
    expect(jobStatus({ spec: { suspend: true }, status: suspended }, NOW).word).toBe('Suspended');
  });
});
