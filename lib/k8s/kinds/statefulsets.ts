import {
  type BaseSummary,
  byAge,
  byName,
  defaultSearchText,
  type KindDescriptor,
  templateImages,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import { workloadColumns } from '@/lib/k8s/kinds/deployments';
import { byStatus, conditionsOf, type ConditionSummary, workloadSpecFacts } from '@/lib/k8s/kinds/workload-fields';
import type { KubeObject } from '@/lib/k8s/object';
import { statefulSetRolloutStatus, type StatefulSetLike } from '@/lib/k8s/status/workload-status';

export interface StatefulSetSummary extends BaseSummary {
  /** kubectl's READY column "<ready>/<desired>". */
  ready: string;
  desired: number;
  readyReplicas: number;
  replicas: number;
  upToDate: number;
  current: number;
  images: string[];
  status: string;
  statusMessage: string;
  strategyType: string;
  partition?: number;
  currentRevision?: string;
  updateRevision?: string;
  serviceName?: string;
  conditions: ConditionSummary[];
  selector: Record<string, string>;
}

type StsObject = StatefulSetLike & {
  spec?: { serviceName?: string; selector?: { matchLabels?: Record<string, string> } };
};

export const statefulSetsKind: KindDescriptor<StatefulSetSummary> = {
  id: 'statefulsets',
  title: 'StatefulSets',
  kind: 'StatefulSet',
  group: 'apps',
  versions: ['v1'],
  plural: 'statefulsets',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): StatefulSetSummary {
    const s = obj as unknown as StsObject;
    const desired = s.spec?.replicas ?? 0;
    const st = s.status ?? {};
    const rollout = statefulSetRolloutStatus(s);
    return withBase(obj, {
      ready: `${st.readyReplicas ?? 0}/${desired}`,
      desired,
      readyReplicas: st.readyReplicas ?? 0,
      replicas: st.replicas ?? 0,
      upToDate: st.updatedReplicas ?? 0,
      current: st.currentReplicas ?? 0,
      images: templateImages(obj),
      status: rollout.word,
      statusMessage: rollout.message,
      strategyType: s.spec?.updateStrategy?.type ?? 'RollingUpdate',
      partition: s.spec?.updateStrategy?.rollingUpdate?.partition,
      currentRevision: st.currentRevision,
      updateRevision: st.updateRevision,
      serviceName: s.spec?.serviceName,
      conditions: conditionsOf(obj.status),
      selector: s.spec?.selector?.matchLabels ?? {},
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.status} ${s.images.join(' ')}`.toLowerCase(),
  sorts: { name: byName, age: byAge, status: byStatus },
  defaultSort: 'name',
  columns: workloadColumns<StatefulSetSummary>([
    { id: 'ready', title: 'Ready', cell: 'number', value: (s) => s.ready },
    { id: 'up-to-date', title: 'Up-to-date', cell: 'number', value: (s) => s.upToDate },
  ]),
  titleSingular: 'StatefulSet',
  detail: { facts: (obj) => workloadSpecFacts(obj), panel: true },
  workload: { actions: ['scale', 'rollback', 'restart'], rollout: 'statefulset', metrics: 'statefulset' },
};
