// data-platform/nightly-report: a CronJob every 5 minutes plus two past Jobs it owns (what
// `kubectl create job --from=cronjob/nightly-report` makes): one succeeded, one failed.
import { BatchV1Api } from '@kubernetes/client-node';
import { controllerRef, ensure, type Kube, type Obj } from './kube';
import { SIM } from './workload-catalog';

export const CRONJOB = { namespace: 'data-platform', name: 'nightly-report', schedule: '*/5 * * * *' } as const;

/** The past runs the seed creates; names are fixed so a second run finds them. */
export const PAST_JOBS = [
  { name: `${CRONJOB.name}-backfill-1`, exitCode: 0 },
  { name: `${CRONJOB.name}-backfill-2`, exitCode: 1 },
] as const;

function podTemplate(exitAfter: string, exitCode: number) {
  return {
    metadata: {
      labels: { app: CRONJOB.name },
      annotations: {
        [SIM.exitAfter]: exitAfter,
        [SIM.exitCode]: String(exitCode),
        [SIM.cpu]: '150m',
        [SIM.memory]: '180Mi',
      },
    },
    spec: {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'report',
          image: 'registry.example.test/data-platform/nightly-report:1.0.3',
          args: ['--since=24h', '--out=s3://reports/nightly/'],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        },
      ],
    },
  };
}

/** batch/v1 CronJob arrived in 1.21; ask discovery rather than assume the cluster's version. */
export async function cronJobApiVersion(kube: Kube): Promise<string> {
  const resources = await kube.kc.makeApiClient(BatchV1Api).getAPIResources();
  return resources.resources.some((r) => r.name === 'cronjobs') ? 'batch/v1' : 'batch/v1beta1';
}

export function cronJobObject(apiVersion: string): Obj {
  return {
    apiVersion,
    kind: 'CronJob',
    metadata: { name: CRONJOB.name, namespace: CRONJOB.namespace, labels: { app: CRONJOB.name } },
    spec: {
      schedule: CRONJOB.schedule,
      concurrencyPolicy: 'Forbid',
      // Without a deadline the v1beta1 controller gives up after 100 missed schedules (cluster down).
      startingDeadlineSeconds: 120,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels: { app: CRONJOB.name } },
        spec: { backoffLimit: 0, template: podTemplate('8s', 0) },
      },
    },
  };
}

export function pastJobObject(cronJob: Obj, job: (typeof PAST_JOBS)[number]): Obj {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: job.name,
      namespace: CRONJOB.namespace,
      labels: { app: CRONJOB.name },
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [controllerRef(cronJob)],
    },
    spec: { backoffLimit: 0, template: podTemplate(job.exitCode === 0 ? '5s' : '4s', job.exitCode) },
  };
}

export async function seedBatch(kube: Kube): Promise<void> {
  kube.log('cronjob and its past jobs');
  const apiVersion = await cronJobApiVersion(kube);
  const { obj: cronJob } = await ensure(kube, cronJobObject(apiVersion));
  // Create-if-absent only: a Job's template is immutable and the CronJob controller prunes old
  // runs by its history limits, so the succeeded backfill disappears after a few scheduled runs.
  await Promise.all(PAST_JOBS.map((job) => ensure(kube, pastJobObject(cronJob, job), { patch: false })));
}
