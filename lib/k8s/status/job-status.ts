// Jobs as `kubectl get jobs` shows them (STATUS, COMPLETIONS, DURATION), ported from printJob, v1.31:
// https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/printers/internalversion/printers.go
// STATUS is the first true condition in kubectl's order; DURATION runs until completionTime, which
// current job controllers set only for successful Jobs (a failed Job's duration keeps growing).

import { humanDuration } from '@/lib/format/age';

export type JobStatusWord =
  'Complete' | 'Failed' | 'Terminating' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet' | 'Running';

export interface JobLike {
  metadata?: { deletionTimestamp?: string };
  spec?: { completions?: number; parallelism?: number; suspend?: boolean };
  status?: {
    active?: number;
    succeeded?: number;
    failed?: number;
    startTime?: string;
    completionTime?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

export interface JobStatus {
  word: JobStatusWord;
  /** kubectl's COMPLETIONS column: "1/1", "0/1 of 3" for a work queue. */
  completions: string;
  /** Milliseconds from start to completion (or to `now` while running); undefined before start. */
  durationMs: number | undefined;
  message: string;
}

/** kubectl's DURATION: completion − start, or now − start while there is no completionTime. */
export function jobDurationText(
  startTime: string | undefined,
  completionTime: string | undefined,
  now: string | number,
): string {
  const start = startTime ? Date.parse(startTime) : NaN;
  if (Number.isNaN(start)) return '';
  const end = completionTime ? Date.parse(completionTime) : new Date(now).getTime();
  return Number.isNaN(end) ? '' : humanDuration(end - start);
}

export function jobStatus(job: JobLike, now: number): JobStatus {
  const s = job.status ?? {};
  const succeeded = s.succeeded ?? 0;
  const parallelism = job.spec?.parallelism ?? 0;
  const completions =
    job.spec?.completions !== undefined
      ? `${succeeded}/${job.spec.completions}`
      : parallelism > 1
        ? `${succeeded}/1 of ${parallelism}`
        : `${succeeded}/1`;
  const start = s.startTime ? Date.parse(s.startTime) : NaN;
  const end = s.completionTime ? Date.parse(s.completionTime) : now;
  const durationMs = Number.isNaN(start) ? undefined : Math.max(0, end - start);
  const cond = (type: string) => s.conditions?.find((c) => c.type === type && c.status === 'True');
  const result = (word: JobStatusWord, message: string): JobStatus => ({ word, completions, durationMs, message });
  const why = (c: { reason?: string; message?: string }, fallback: string) =>
    [c.reason, c.message].filter(Boolean).join(': ') || fallback;

  if (cond('Complete')) return result('Complete', 'Job completed');
  const failed = cond('Failed');
  if (failed) return result('Failed', why(failed, 'Job failed'));
  if (job.metadata?.deletionTimestamp) return result('Terminating', 'Job is being deleted');
  if (cond('Suspended')) return result('Suspended', 'Job is suspended');
  const target = cond('FailureTarget');
  if (target) return result('FailureTarget', why(target, 'Job is failing; its pods are terminating'));
  if (cond('SuccessCriteriaMet')) return result('SuccessCriteriaMet', 'Success criteria met; pods are terminating');
  const active = s.active ?? 0;
  return result('Running', active > 0 ? `${active} pods active` : 'No pods active yet');
}
