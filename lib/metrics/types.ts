// What the metrics API (`GET /api/metrics/<cluster>/<template>`) takes and returns. Plain data only:
// the browser names a template and a target, never PromQL (docs/adr, "Prometheus metrics").

import { z } from 'zod';

import { METRIC_RANGE_IDS, type MetricRange, type RangePlan } from '@/lib/metrics/range';
import { dnsLabelSchema, dnsSubdomainSchema } from '@/lib/k8s/names';

export const METRIC_TEMPLATES = [
  'cpu',
  'memory',
  'restarts',
  'replicas',
  'cpu-utilization',
  'memory-utilization',
  // One series per container of a pod (pod targets only): the pod page's usage against requests.
  'container-cpu',
  'container-memory',
] as const;
export type MetricTemplate = (typeof METRIC_TEMPLATES)[number];

export const METRIC_TARGET_KINDS = ['pod', 'deployment', 'statefulset', 'daemonset'] as const;
export type MetricTargetKind = (typeof METRIC_TARGET_KINDS)[number];

export type MetricUnit = 'cores' | 'bytes' | 'count' | 'percent';

// RFC 1123: namespaces are DNS labels, pod and workload names DNS subdomains. Anything else cannot
// name a Kubernetes object, so it never reaches a PromQL label matcher.
const dnsLabel = dnsLabelSchema;
const dnsSubdomain = dnsSubdomainSchema;

/** Templates answered with one series per container; they take a pod target only. */
export const PER_CONTAINER_TEMPLATES: readonly MetricTemplate[] = ['container-cpu', 'container-memory'];

export const metricsQuerySchema = z
  .object({
    template: z.enum(METRIC_TEMPLATES),
    kind: z.enum(METRIC_TARGET_KINDS),
    namespace: dnsLabel,
    name: dnsSubdomain,
    range: z.enum(METRIC_RANGE_IDS as [MetricRange, ...MetricRange[]]).default('1h'),
    /** Wanted points (chart width in samples); the server caps it. */
    points: z.coerce.number().int().min(10).max(1000).default(240),
  })
  .refine((q) => q.kind === 'pod' || !PER_CONTAINER_TEMPLATES.includes(q.template), {
    message: 'per-container metrics are for a pod (kind=pod)',
    path: ['kind'],
  });

export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

export interface MetricSeries {
  /** 'usage' | 'requests' | 'limits' | 'restarts' | 'replicas' | 'utilization' */
  id: string;
  label: string;
  /** [unix seconds, value] */
  points: [number, number][];
}

/** A Deployment revision (ReplicaSet) or StatefulSet/DaemonSet ControllerRevision start. */
export interface RevisionMarker {
  revision: number;
  /** ISO 8601 creation time of the ReplicaSet / ControllerRevision. */
  at: string;
  name: string;
  changeCause?: string;
}

export interface MetricsResult {
  template: MetricTemplate;
  unit: MetricUnit;
  range: MetricRange;
  plan: RangePlan;
  /** The scrape interval used for the plan, and where it came from. */
  scrapeSeconds: number;
  series: MetricSeries[];
  /** Revision starts of a workload inside the range (the rollout timeline). */
  markers: RevisionMarker[];
}

/** Error kinds of the metrics API beyond the Kubernetes ones. */
export type MetricsErrorKind = 'prometheus-unavailable' | 'prometheus-not-configured';
