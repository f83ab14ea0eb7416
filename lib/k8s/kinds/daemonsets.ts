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
import { daemonSetRolloutStatus, type DaemonSetLike } from '@/lib/k8s/status/workload-status';

/** kubectl's DESIRED, CURRENT, READY, UP-TO-DATE, AVAILABLE, NODE SELECTOR columns (per node). */
export interface DaemonSetSummary extends BaseSummary {
  desired: number;
  current: number;
  readyCount: number;
  upToDate: number;
  available: number;
  misscheduled: number;
  nodeSelector: string;
  images: string[];
  status: string;
  statusMessage: string;
  strategyType: string;
  maxUnavailable?: number | string;
  conditions: ConditionSummary[];
  selector: Record<string, string>;
}

type DsObject = DaemonSetLike & {
  spec?: {
    selector?: { matchLabels?: Record<string, string> };
    template?: { spec?: { nodeSelector?: Record<string, string> } };
  };
};

export const daemonSetsKind: KindDescriptor<DaemonSetSummary> = {
  id: 'daemonsets',
  title: 'DaemonSets',
  kind: 'DaemonSet',
  group: 'apps',
  versions: ['v1'],
  plural: 'daemonsets',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): DaemonSetSummary {
    const d = obj as unknown as DsObject;
    const st = d.status ?? {};
    const rollout = daemonSetRolloutStatus(d);
    const nodeSelector = Object.entries(d.spec?.template?.spec?.nodeSelector ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return withBase(obj, {
      desired: st.desiredNumberScheduled ?? 0,
      current: st.currentNumberScheduled ?? 0,
      readyCount: st.numberReady ?? 0,
      upToDate: st.updatedNumberScheduled ?? 0,
      available: st.numberAvailable ?? 0,
      misscheduled: st.numberMisscheduled ?? 0,
      nodeSelector: nodeSelector || '<none>',
      images: templateImages(obj),
      status: rollout.word,
      statusMessage: rollout.message,
      strategyType: d.spec?.updateStrategy?.type ?? 'RollingUpdate',
      maxUnavailable: d.spec?.updateStrategy?.rollingUpdate?.maxUnavailable,
      conditions: conditionsOf(obj.status),
      selector: d.spec?.selector?.matchLabels ?? {},
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.status} ${s.images.join(' ')}`.toLowerCase(),
  sorts: { name: byName, age: byAge, status: byStatus },
  defaultSort: 'name',
  columns: workloadColumns<DaemonSetSummary>([
    { id: 'desired', title: 'Desired', cell: 'number', value: (s) => s.desired },
    { id: 'current', title: 'Current', cell: 'number', value: (s) => s.current },
    { id: 'ready', title: 'Ready', cell: 'number', value: (s) => s.readyCount },
    { id: 'up-to-date', title: 'Up-to-date', cell: 'number', value: (s) => s.upToDate },
    { id: 'available', title: 'Available', cell: 'number', value: (s) => s.available },
    { id: 'node-selector', title: 'Node selector', cell: 'mono', value: (s) => s.nodeSelector },
  ]),
  titleSingular: 'DaemonSet',
  detail: { facts: (obj) => workloadSpecFacts(obj), panel: true },
  workload: { actions: ['rollback', 'restart'], rollout: 'daemonset', metrics: 'daemonset' },
};
