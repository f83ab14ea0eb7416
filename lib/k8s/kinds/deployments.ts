import {
  baseSummary,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type KindDescriptor,
} from '@/lib/k8s/kinds/descriptor';
import type { DeploymentSummary } from '@/lib/k8s/dto';
import type { KubeObject } from '@/lib/k8s/object';
import { deploymentRolloutStatus, type DeploymentLike } from '@/lib/k8s/status/deployment-status';

/** The Overview's DeploymentSummary columns plus the common list fields (resourceVersion, labels). */
export interface DeploymentListItem
  extends BaseSummary, Omit<DeploymentSummary, 'uid' | 'namespace' | 'name' | 'createdAt'> {}

type DeploymentObject = DeploymentLike & {
  spec?: { template?: { spec?: { containers?: { image?: string }[] } } };
};

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
    const containers = d.spec?.template?.spec?.containers ?? [];
    return {
      ...baseSummary(obj),
      ready: `${d.status?.readyReplicas ?? 0}/${desired}`,
      desired,
      upToDate: d.status?.updatedReplicas ?? 0,
      available: d.status?.availableReplicas ?? 0,
      images: containers.map((c) => c.image ?? '').filter(Boolean),
      status: status.word,
      statusMessage: status.message,
    };
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.status} ${s.images.join(' ')}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    status: (a, b) => a.status.localeCompare(b.status) || byName(a, b),
  },
  defaultSort: 'name',
};
