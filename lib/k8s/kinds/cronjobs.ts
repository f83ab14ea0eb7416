import { workloadSpecFacts } from '@/lib/k8s/kinds/workload-fields';
import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

/** kubectl's SCHEDULE, SUSPEND, ACTIVE, LAST SCHEDULE columns. */
export interface CronJobSummary extends BaseSummary {
  schedule: string;
  /** spec.timeZone (batch/v1, Kubernetes 1.24+); kubectl prints <none> when unset. */
  timeZone?: string;
  suspend: boolean;
  active: number;
  lastScheduleTime?: string;
  images: string[];
  status: string;
  statusMessage: string;
}

type CronJobObject = KubeObject & {
  spec?: {
    schedule?: string;
    timeZone?: string;
    suspend?: boolean;
    jobTemplate?: { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } };
  };
  status?: { active?: unknown[]; lastScheduleTime?: string };
};

export const cronJobsKind: KindDescriptor<CronJobSummary> = {
  id: 'cronjobs',
  title: 'CronJobs',
  kind: 'CronJob',
  group: 'batch',
  // batch/v1 from Kubernetes 1.21; 1.20 serves only v1beta1. Discovery picks the first served.
  versions: ['v1', 'v1beta1'],
  plural: 'cronjobs',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): CronJobSummary {
    const c = obj as CronJobObject;
    const active = c.status?.active?.length ?? 0;
    const suspend = c.spec?.suspend === true;
    const containers = c.spec?.jobTemplate?.spec?.template?.spec?.containers ?? [];
    return withBase(obj, {
      schedule: c.spec?.schedule ?? '',
      timeZone: c.spec?.timeZone,
      suspend,
      active,
      lastScheduleTime: c.status?.lastScheduleTime,
      images: containers.map((x) => x.image ?? '').filter(Boolean),
      status: suspend ? 'Suspended' : active > 0 ? 'Active' : 'Scheduled',
      statusMessage: suspend ? 'No new Jobs are started' : `${active} Jobs running`,
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.schedule} ${s.status}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    { id: 'schedule', title: 'Schedule', cell: 'mono', value: (s) => s.schedule },
    { id: 'timezone', title: 'Timezone', cell: 'mono', value: (s) => s.timeZone ?? '<none>' },
    { id: 'suspend', title: 'Suspend', cell: 'text', value: (s) => (s.suspend ? 'True' : 'False') },
    { id: 'active', title: 'Active', cell: 'number', value: (s) => s.active },
    { id: 'last-schedule', title: 'Last schedule', cell: 'age', value: (s) => s.lastScheduleTime },
    { id: 'images', title: 'Images', cell: 'images', value: (s) => s.images },
    ageColumn,
  ],
  titleSingular: 'CronJob',
  detail: { facts: (obj) => workloadSpecFacts(obj), panel: true },
  workload: { actions: [], rollout: 'status' },
};
