// Jobs as `kubectl get jobs` shows them (COMPLETIONS, DURATION), from printJob in
// https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/printers/internalversion/printers.go
// plus a status word from the Job's conditions (job controller: Complete / Failed), which kubectl
// 1.20 does not print.

export type JobStatusWord = 'Complete' | 'Failed' | 'Running' | 'Suspended' | 'Pending';

export interface JobLike {
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

export function jobStatus(job: JobLike, now: number): JobStatus {
  const s = job.status ?? {};
  const succeeded = s.succeeded ?? 0;
  const parallelism = job.spec?.parallelism ?? 1;
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
  const failed = cond('Failed');
  if (cond('Complete')) return { word: 'Complete', completions, durationMs, message: 'Job completed' };
  if (failed) {
    const why = [failed.reason, failed.message].filter(Boolean).join(': ');
    return { word: 'Failed', completions, durationMs, message: why || 'Job failed' };
  }
  if (job.spec?.suspend) return { word: 'Suspended', completions, durationMs, message: 'Job is suspended' };
  if ((s.active ?? 0) > 0) return { word: 'Running', completions, durationMs, message: `${s.active} pods active` };
  return { word: 'Pending', completions, durationMs, message: 'No pods active yet' };
}
