import type { ComponentType } from 'react';

import { ConfigMapPanel } from '@/components/kinds/configmaps/panel';
import { HelmReleasePanel } from '@/components/kinds/helm-releases/panel';
import { IngressPanel } from '@/components/kinds/ingresses/panel';
import { NamespacePanel } from '@/components/kinds/namespaces/panel';
import { NodeMaintenancePanel } from '@/components/kinds/nodes/maintenance';
import { NodePanel } from '@/components/kinds/nodes/panel';
import { PodDisruptionBudgetPanel } from '@/components/kinds/poddisruptionbudgets/panel';
import { PodPanel } from '@/components/kinds/pods/panel';
import { NamespaceAccessPanel } from '@/components/kinds/rolebindings/namespace-access';
import { BindingPanel } from '@/components/kinds/rolebindings/panel';
import { SecretPanel } from '@/components/kinds/secrets/panel';
import { ServicePanel } from '@/components/kinds/services/panel';
import type { KindPanelProps } from '@/components/kinds/types';
import { WorkloadPanel } from '@/components/kinds/workloads/panel';

// Per-kind panels of the ResourceDetail shell, by kind id: one line per kind whose descriptor sets
// `detail.panel`. The shell imports this map; panels never import the shell (imports point one way).

export const KIND_PANELS: Partial<Record<string, ComponentType<KindPanelProps>>> = {
  pods: PodPanel,
  deployments: WorkloadPanel,
  statefulsets: WorkloadPanel,
  daemonsets: WorkloadPanel,
  replicasets: WorkloadPanel,
  jobs: WorkloadPanel,
  cronjobs: WorkloadPanel,
  nodes: NodePanel,
  namespaces: NamespacePanel,
  poddisruptionbudgets: PodDisruptionBudgetPanel,
  rolebindings: BindingPanel,
  clusterrolebindings: BindingPanel,
  services: ServicePanel,
  ingresses: IngressPanel,
  configmaps: ConfigMapPanel,
  secrets: SecretPanel,
  'helm-releases': HelmReleasePanel,
};

/**
 * Sections another area adds to a kind's page after its own panel, without editing the owner's panel:
 * the Namespace page's "who is bound to what" comes from access (components/kinds/rolebindings).
 */
export const KIND_EXTRA_PANELS: Partial<Record<string, readonly ComponentType<KindPanelProps>[]>> = {
  namespaces: [NamespaceAccessPanel],
  nodes: [NodeMaintenancePanel],
};
