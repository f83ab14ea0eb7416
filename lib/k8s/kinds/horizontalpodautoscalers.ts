import {
  ageColumn,
  type BaseSummary,
  byAge,
  byName,
  defaultSearchText,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import { byStatus, statusColumn } from '@/lib/k8s/kinds/workload-fields';
import type { KubeObject } from '@/lib/k8s/object';
import { hpaDetails, hpaStatus, type HpaDetails, type HpaLike } from '@/lib/k8s/status/hpa-status';
import { hpaTargetEntries, hpaTargetsText, type HpaMetricEntry } from '@/lib/k8s/status/hpa-targets';

// A summary good enough for lists, "related HPA" on workload pages and the Overview's "at its limits".
// The autoscaling screens may extend it (metrics history, behaviour); keep these fields stable.

/** kubectl's REFERENCE, TARGETS, MINPODS, MAXPODS, REPLICAS columns plus a status word. */
export interface HpaSummary extends BaseSummary, HpaDetails {
  target: { kind: string; name: string; apiVersion?: string };
  /** "cpu: 45%/60%", "150m/500m", "2/10 (avg)" per metric, as kubectl's formatHPAMetrics. */
  targets: string[];
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
  status: string;
  statusMessage: string;
}

type HpaObject = HpaLike & {
  spec?: { metrics?: HpaMetricEntry[] };
  status?: { currentMetrics?: HpaMetricEntry[] };
};

/** kubectl's formatHPAMetrics entries, one per spec metric (lib/k8s/status/hpa-targets). */
export function hpaTargets(hpa: HpaObject): string[] {
  return hpaTargetEntries(hpa.spec?.metrics ?? [], hpa.status?.currentMetrics ?? []);
}

export const horizontalPodAutoscalersKind: KindDescriptor<HpaSummary> = {
  id: 'horizontalpodautoscalers',
  title: 'HorizontalPodAutoscalers',
  kind: 'HorizontalPodAutoscaler',
  group: 'autoscaling',
  // autoscaling/v2 from 1.23; 1.20 serves v2beta2 (same shape). Discovery picks the first served.
  versions: ['v2', 'v2beta2'],
  plural: 'horizontalpodautoscalers',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): HpaSummary {
    const h = obj as unknown as HpaObject;
    const s = hpaStatus(h);
    const ref = h.spec?.scaleTargetRef;
    return withBase(obj, {
      target: { kind: ref?.kind ?? '', name: ref?.name ?? '', apiVersion: ref?.apiVersion },
      targets: hpaTargets(h),
      minReplicas: s.min,
      maxReplicas: s.max,
      currentReplicas: s.current,
      desiredReplicas: s.desired,
      status: s.word,
      statusMessage: s.message,
      // Conditions in words, metrics current vs target, behaviour (the autoscaling screens).
      ...hpaDetails(h),
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.target.kind}/${s.target.name} ${s.status}`.toLowerCase(),
  sorts: { name: byName, age: byAge, status: byStatus },
  defaultSort: 'name',
  columns: [
    statusColumn(),
    { id: 'reference', title: 'Reference', cell: 'mono', value: (s) => `${s.target.kind}/${s.target.name}` },
    { id: 'targets', title: 'Targets', cell: 'mono', value: (s) => hpaTargetsText(s.targets) },
    { id: 'min', title: 'Min', cell: 'number', value: (s) => s.minReplicas },
    { id: 'max', title: 'Max', cell: 'number', value: (s) => s.maxReplicas },
    { id: 'replicas', title: 'Replicas', cell: 'number', value: (s) => s.currentReplicas },
    ageColumn,
  ],
};
