// failure-lab: one object per failing state a v1.20 cluster carries, scripted by the node agent's
// annotations (local-cluster/node-agent/README.md) and, for the Job, the real job controller:
// an image that cannot be pulled, a container the OOM killer restarts, an init container that
// keeps failing, and a Job past its backoff limit. Its own namespace (no team label: operators
// only), so the other namespaces' counts and "needs attention" items stay as they were.
import { ensure, type Kube, type Obj } from './kube';
import { namespaceObject } from './namespaces';
import { SIM } from './workload-catalog';

export const FAILURE_NAMESPACE = 'failure-lab';

/** The seeded failures by name; tests find their pods by the `app` label. */
export const FAILURES = {
  imagePull: 'catalog-typo',
  oom: 'report-renderer',
  initFailure: 'orders-migrate',
  job: 'export-ledger',
} as const;

/** The Job's retries: backoffLimit 2 means three failed pods, then Failed BackoffLimitExceeded. */
export const FAILING_JOB_BACKOFF_LIMIT = 2;

const IMAGE = (name: string, tag: string) => `registry.example.test/lab/${name}:${tag}`;
const resources = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } };

function failingDeployment(name: string, annotations: Record<string, string>, spec: Record<string, unknown>): Obj {
  const labels = { app: name, 'app.kubernetes.io/part-of': FAILURE_NAMESPACE };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: FAILURE_NAMESPACE, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels, annotations: { [SIM.readyAfter]: '3s', [SIM.memory]: '96Mi', ...annotations } },
        spec,
      },
    },
  };
}

export function failingObjects(): Obj[] {
  return [
    // A typo in the tag ("O" for "0"): ErrImagePull, then ImagePullBackOff, again and again.
    failingDeployment(
      FAILURES.imagePull,
      { [SIM.imagePull]: 'fail' },
      { containers: [{ name: 'catalog', image: IMAGE('catalog', '1.4.O'), resources }] },
    ),
    // Serves for 45 s, then the kernel kills it at its 128Mi limit: OOMKilled (137), back-off, again.
    failingDeployment(
      FAILURES.oom,
      { [SIM.oomAfter]: '45s', [SIM.memory]: '120Mi' },
      { containers: [{ name: 'renderer', image: IMAGE('report-renderer', '2.2.0'), resources }] },
    ),
    // The schema migration exits 1 every time: Init:Error, Init:CrashLoopBackOff; the API never starts.
    failingDeployment(
      FAILURES.initFailure,
      { [SIM.initExitCode]: '1' },
      {
        initContainers: [
          { name: 'migrate', image: IMAGE('orders-migrate', '5.0.0'), args: ['up'], resources },
          { name: 'warm-cache', image: IMAGE('orders-api', '5.0.0'), args: ['warm'], resources },
        ],
        containers: [{ name: 'api', image: IMAGE('orders-api', '5.0.0'), resources }],
      },
    ),
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: FAILURES.job, namespace: FAILURE_NAMESPACE, labels: { app: FAILURES.job } },
      spec: {
        backoffLimit: FAILING_JOB_BACKOFF_LIMIT,
        template: {
          metadata: {
            labels: { app: FAILURES.job },
            annotations: { [SIM.exitAfter]: '3s', [SIM.exitCode]: '2' },
          },
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'export', image: IMAGE('ledger-export', '0.3.1'), resources }],
          },
        },
      },
    },
  ];
}

export async function seedFailing(kube: Kube): Promise<void> {
  kube.log('failing states (failure-lab)');
  await ensure(kube, namespaceObject(FAILURE_NAMESPACE));
  // Jobs are create-if-absent (their template is immutable); once Failed it stays Failed.
  await Promise.all(failingObjects().map((obj) => ensure(kube, obj, { patch: obj.kind !== 'Job' })));
}
