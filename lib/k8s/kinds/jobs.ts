import {
  ageColumn,
  type BaseSummary,
  byAge,
  byName,
  defaultSearchText,
  type KindDescriptor,
  ownerOf,
  templateImages,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import { byStatus, statusColumn, workloadSpecFacts } from '@/lib/k8s/kinds/workload-fields';
import { humanDuration } from '@/lib/format/age';
import type { KubeObject } from '@/lib/k8s/object';
import { jobDurationText, jobStatus, type JobLike } from '@/lib/k8s/status/job-status';

/** kubectl's COMPLETIONS, DURATION columns plus a status word and the owning CronJob. */
export interface JobSummary extends BaseSummary {
  completions: string;
  /** Fixed DURATION of a Job with a completionTime; '' otherwise (the column's display computes it). */
  duration: string;
  startTime?: string;
  completionTime?: string;
  active: number;
  succeeded: number;
  failed: number;
  status: string;
  statusMessage: string;
  images: string[];
  owner?: { kind: string; name: string; uid: string };
}

export const jobsKind: KindDescriptor<JobSummary> = {
  id: 'jobs',
  title: 'Jobs',
  kind: 'Job',
  group: 'batch',
  versions: ['v1'],
  plural: 'jobs',
  namespaced: true,
  // CronJob → its Jobs.
  indexes: ['owner'],
  toSummary(obj: KubeObject): JobSummary {
    const job = { ...(obj as unknown as JobLike), metadata: obj.metadata };
    const st = job.status ?? {};
    const end = st.completionTime ? Date.parse(st.completionTime) : NaN;
    const s = jobStatus(job, Number.isNaN(end) ? 0 : end);
    return withBase(obj, {
      completions: s.completions,
      duration: st.completionTime && s.durationMs !== undefined ? humanDuration(s.durationMs) : '',
      startTime: st.startTime,
      completionTime: st.completionTime,
      active: st.active ?? 0,
      succeeded: st.succeeded ?? 0,
      failed: st.failed ?? 0,
      status: s.word,
      statusMessage: s.message,
      images: templateImages(obj),
      owner: ownerOf(obj),
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.status} ${s.owner?.name ?? ''}`.toLowerCase(),
  sorts: { name: byName, age: byAge, status: byStatus },
  defaultSort: 'name',
  columns: [
    statusColumn(),
    { id: 'completions', title: 'Completions', cell: 'number', value: (s) => s.completions },
    {
      id: 'duration',
      title: 'Duration',
      cell: 'number',
      value: (s) => s.duration,
      display: (s, now) => jobDurationText(s.startTime, s.completionTime, now),
    },
    { id: 'owner', title: 'Owner', cell: 'text', value: (s) => (s.owner ? `${s.owner.kind}/${s.owner.name}` : '') },
    { id: 'images', title: 'Images', cell: 'images', value: (s) => s.images },
    ageColumn,
  ],
  titleSingular: 'Job',
  detail: { facts: (obj) => workloadSpecFacts(obj), panel: true },
  workload: { actions: [], rollout: 'status' },
};
