// What the demo runs: the Deployments, the StatefulSet and the DaemonSet, each with its rollout
// history (one entry per revision). Pure data: builders in workload-objects.ts, applied by workloads.ts.

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
/** Pod annotations the simulated node agent honours: the agent's own table, not a copy. */
import { ANNOTATION as SIM } from '../node-agent/behaviour';

export { SIM };

export interface Revision {
  tag: string;
  changeCause: string;
  /** Extra pod-template annotations from this revision on (merge-patched, so they persist). */
  podAnnotations?: Record<string, string>;
}

export interface WorkloadSeed {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  namespace: string;
  name: string;
  partOf: string;
  image: string;
  /** Not used for DaemonSets (one pod per node). */
  replicas: number;
  port: { name: string; containerPort: number };
  cpu: [request: string, limit: string];
  memory: [request: string, limit: string];
  /** Simulated usage and readiness (node-agent annotations) for every revision. */
  sim: Record<string, string>;
  revisions: Revision[];
  progressDeadlineSeconds?: number;
  rollingUpdate?: { maxSurge: number | string; maxUnavailable: number | string };
  /** StatefulSets: their governing headless Service. */
  serviceName?: string;
  hpa?: { minReplicas: number; maxReplicas: number; cpuUtilization: number };
}

const ready = { [SIM.readyAfter]: '3s' };
const usage = (cpu: string, memory: string) => ({ ...ready, [SIM.cpu]: cpu, [SIM.memory]: memory });

function deployment(
  namespace: string,
  name: string,
  partOf: string,
  replicas: number,
  sizes: Pick<WorkloadSeed, 'cpu' | 'memory' | 'sim'>,
  revisions: Revision[],
  extra: Partial<WorkloadSeed> = {},
): WorkloadSeed {
  return {
    kind: 'Deployment',
    namespace,
    name,
    partOf,
    image: `registry.example.test/${partOf}/${name}`,
    replicas,
    port: { name: 'http', containerPort: 8080 },
    ...sizes,
    revisions,
    ...extra,
  };
}

/** `version` is what the team calls the release; the image tag may carry a suffix (a bad build). */
const rev = (version: string, what: string, extra: Partial<Revision> = {}): Revision => ({
  tag: version,
  changeCause: `deploy v${version}: ${what}`,
  ...extra,
});

export const STUCK_ROLLOUT = { namespace: 'shop-backend', name: 'payments', tag: '2.1.0-crashloop' } as const;

export const WORKLOADS: readonly WorkloadSeed[] = [
  deployment(
    'shop-frontend',
    'storefront',
    'shop',
    2,
    // 100m requests and a CPU ramp: the HPA (target 60 %) scales it up during the demo.
    {
      cpu: ['100m', '500m'],
      memory: ['128Mi', '256Mi'],
      sim: { ...usage('30m', '140Mi'), [SIM.cpuRamp]: '150m/300s' },
    },
    [
      rev('1.4.0', 'new product listing page'),
      rev('1.4.1', 'fix cart badge count after login'),
      rev('1.4.2', 'lazy-load product images'),
    ],
    { hpa: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 60 } },
  ),
  deployment(
    'shop-frontend',
    'web-gateway',
    'shop',
    2,
    { cpu: ['100m', '300m'], memory: ['96Mi', '192Mi'], sim: usage('45m', '80Mi') },
    [
      rev('2.3.0', 'route /api/v2 to checkout'),
      rev('2.3.1', 'raise upstream keep-alive'),
      rev('2.4.0', 'rate-limit per API key'),
    ],
  ),
  deployment(
    'shop-backend',
    'checkout',
    'shop',
    3,
    { cpu: ['200m', '500m'], memory: ['256Mi', '512Mi'], sim: usage('120m', '210Mi') },
    [rev('3.0.0', 'one-page checkout'), rev('3.0.1', 'retry payment authorisation once'), rev('3.1.0', 'gift cards')],
  ),
  deployment(
    'shop-backend',
    'payments',
    'shop',
    3,
    { cpu: ['150m', '500m'], memory: ['192Mi', '384Mi'], sim: usage('60m', '150Mi') },
    [
      rev('2.0.0', 'PSP v2 API'),
      rev('2.0.1', 'idempotency keys on refunds'),
      // The stuck rollout: the new pods crash-loop; old pods stay available (maxUnavailable 0).
      rev('2.1.0', 'switch to the new PSP client', {
        tag: STUCK_ROLLOUT.tag,
        podAnnotations: { [SIM.crashLoop]: 'true' },
      }),
    ],
    { progressDeadlineSeconds: 60, rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
  ),
  deployment(
    'shop-backend',
    'inventory',
    'shop',
    2,
    { cpu: ['100m', '400m'], memory: ['128Mi', '256Mi'], sim: usage('35m', '110Mi') },
    [
      rev('1.8.0', 'stock reservations'),
      rev('1.8.1', 'fix negative stock on cancel'),
      rev('1.9.0', 'warehouse sync every 30 s'),
    ],
  ),
  deployment(
    'data-platform',
    'ingest',
    'data-platform',
    2,
    { cpu: ['250m', '1'], memory: ['512Mi', '1Gi'], sim: usage('180m', '420Mi') },
    [rev('0.9.0', 'kafka consumer groups'), rev('0.9.1', 'batch size 500'), rev('0.10.0', 'parquet output')],
  ),
  deployment(
    'data-platform',
    'query-api',
    'data-platform',
    2,
    { cpu: ['200m', '800m'], memory: ['256Mi', '512Mi'], sim: usage('70m', '230Mi') },
    [rev('1.2.0', 'SQL endpoint'), rev('1.2.1', 'query timeout 30 s'), rev('1.3.0', 'result caching')],
  ),
  {
    ...deployment(
      'observability',
      'grafana',
      'observability',
      2,
      { cpu: ['100m', '500m'], memory: ['192Mi', '512Mi'], sim: usage('40m', '170Mi') },
      [
        { tag: '9.5.2', changeCause: 'install grafana 9.5.2' },
        { tag: '9.5.3', changeCause: 'upgrade grafana 9.5.3: security fix' },
        { tag: '10.0.1', changeCause: 'upgrade grafana 10.0.1' },
      ],
    ),
    image: 'grafana/grafana',
    port: { name: 'http', containerPort: 3000 },
  },
  {
    kind: 'StatefulSet',
    namespace: 'data-platform',
    name: 'postgres',
    partOf: 'data-platform',
    image: 'postgres',
    replicas: 2,
    port: { name: 'postgres', containerPort: 5432 },
    cpu: ['250m', '1'],
    memory: ['512Mi', '1Gi'],
    sim: usage('90m', '380Mi'),
    serviceName: 'postgres',
    revisions: [
      { tag: '13.10', changeCause: 'install postgres 13.10' },
      { tag: '13.11', changeCause: 'upgrade postgres 13.11: minor release' },
    ],
  },
  {
    kind: 'DaemonSet',
    namespace: 'observability',
    name: 'log-shipper',
    partOf: 'observability',
    image: 'fluent/fluent-bit',
    replicas: 0,
    port: { name: 'metrics', containerPort: 2020 },
    cpu: ['50m', '200m'],
    memory: ['64Mi', '128Mi'],
    sim: usage('15m', '45Mi'),
    revisions: [
      { tag: '2.1.4', changeCause: 'install fluent-bit 2.1.4' },
      { tag: '2.1.8', changeCause: 'upgrade fluent-bit 2.1.8: fix tail rotation' },
    ],
  },
];
