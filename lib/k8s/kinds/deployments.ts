import {
  ageColumn,
  type BaseSummary,
  byAge,
  byName,
  type Column,
  defaultSearchText,
  type KindDescriptor,
  templateImages,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import {
  byStatus,
  conditionsOf,
  statusColumn,
  type ConditionSummary,
  workloadSpecFacts,
} from '@/lib/k8s/kinds/workload-fields';
import type { DeploymentSummary } from '@/lib/k8s/dto';
import type { KubeObject } from '@/lib/k8s/object';
import { deploymentRolloutStatus, type DeploymentLike } from '@/lib/k8s/status/deployment-status';
import type { IntOrPercent } from '@/lib/k8s/status/rollout-budget';

/** kubectl's columns plus what the live rollout view needs (it is fed by the stream's summaries). */
export interface DeploymentListItem
  extends BaseSummary, Omit<DeploymentSummary, 'uid' | 'namespace' | 'name' | 'createdAt'> {
  generation: number;
  observedGeneration: number;
  /** status.replicas: all pods of all its ReplicaSets. */
  replicas: number;
  readyReplicas: number;
  paused: boolean;
  strategy: { type: string; maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent };
  progressDeadlineSeconds?: number;
  revision?: string;
  conditions: ConditionSummary[];
  selector: Record<string, string>;
}

type DeploymentObject = DeploymentLike & {
  metadata: { annotations?: Record<string, string> };
  spec?: {
    selector?: { matchLabels?: Record<string, string> };
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent } };
    progressDeadlineSeconds?: number;
  };
};

export const workloadColumns = <S extends BaseSummary & { status: string; statusMessage: string; images: string[] }>(
  middle: Column<S>[],
): Column<S>[] => [
  statusColumn<S>(),
  ...middle,
  { id: 'images', title: 'Images', cell: 'images', value: (s) => s.images },
  ageColumn,
];

export const deploymentsKind: KindDescriptor<DeploymentListItem> = {
  id: 'deployments',
  title: 'Deployments',
  kind: 'Deployment',
  group: 'apps',
  versions: ['v1'],
  plural: 'deployments',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): DeploymentListItem {
    const d = obj as unknown as DeploymentObject;
    const desired = d.spec?.replicas ?? 0;
    const status = deploymentRolloutStatus(d);
    const rolling = d.spec?.strategy?.rollingUpdate;
    return withBase(obj, {
      ready: `${d.status?.readyReplicas ?? 0}/${desired}`,
      desired,
      upToDate: d.status?.updatedReplicas ?? 0,
      available: d.status?.availableReplicas ?? 0,
      images: templateImages(obj),
      status: status.word,
      statusMessage: status.message,
      generation: obj.metadata.generation ?? 0,
      observedGeneration: d.status?.observedGeneration ?? 0,
      replicas: d.status?.replicas ?? 0,
      readyReplicas: d.status?.readyReplicas ?? 0,
      paused: d.spec?.paused === true,
      strategy: {
        type: d.spec?.strategy?.type ?? 'RollingUpdate',
        maxSurge: rolling?.maxSurge,
        maxUnavailable: rolling?.maxUnavailable,
      },
      progressDeadlineSeconds: d.spec?.progressDeadlineSeconds,
      revision: obj.metadata.annotations?.['deployment.kubernetes.io/revision'],
      conditions: conditionsOf(obj.status),
      selector: d.spec?.selector?.matchLabels ?? {},
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.status} ${s.images.join(' ')}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    status: byStatus,
  },
  defaultSort: 'name',
  columns: workloadColumns<DeploymentListItem>([
    { id: 'ready', title: 'Ready', cell: 'number', value: (s) => s.ready },
    { id: 'up-to-date', title: 'Up-to-date', cell: 'number', value: (s) => s.upToDate },
    { id: 'available', title: 'Available', cell: 'number', value: (s) => s.available },
  ]),
  titleSingular: 'Deployment',
  detail: { facts: (obj) => workloadSpecFacts(obj), panel: true },
  workload: {
    actions: ['scale', 'rollback', 'restart', 'pause', 'resume', 'abort'],
    rollout: 'replicasets',
    metrics: 'deployment',
  },
};
