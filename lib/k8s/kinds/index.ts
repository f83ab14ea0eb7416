import { certificateRequestsKind, certificatesKind } from '@/lib/k8s/kinds/certificates';
import { challengesKind, ordersKind } from '@/lib/k8s/kinds/certificates-acme';
import { configMapsKind } from '@/lib/k8s/kinds/configmaps';
import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { controllerRevisionsKind } from '@/lib/k8s/kinds/controllerrevisions';
import { cronJobsKind } from '@/lib/k8s/kinds/cronjobs';
import { daemonSetsKind } from '@/lib/k8s/kinds/daemonsets';
import { deploymentsKind } from '@/lib/k8s/kinds/deployments';
import { endpointsKind } from '@/lib/k8s/kinds/endpoints';
import { eventsKind } from '@/lib/k8s/kinds/events';
import { helmReleasesKind } from '@/lib/k8s/kinds/helm-releases';
import { horizontalPodAutoscalersKind } from '@/lib/k8s/kinds/horizontalpodautoscalers';
import { ingressesKind } from '@/lib/k8s/kinds/ingresses';
import { jobsKind } from '@/lib/k8s/kinds/jobs';
import { limitRangesKind } from '@/lib/k8s/kinds/limitranges';
import { namespacesKind } from '@/lib/k8s/kinds/namespaces';
import { networkPoliciesKind } from '@/lib/k8s/kinds/networkpolicies';
import { nodesKind } from '@/lib/k8s/kinds/nodes';
import { persistentVolumeClaimsKind } from '@/lib/k8s/kinds/persistentvolumeclaims';
import { persistentVolumesKind } from '@/lib/k8s/kinds/persistentvolumes';
import { podDisruptionBudgetsKind } from '@/lib/k8s/kinds/poddisruptionbudgets';
import { podsKind } from '@/lib/k8s/kinds/pods';
import { replicaSetsKind } from '@/lib/k8s/kinds/replicasets';
import { resourceQuotasKind } from '@/lib/k8s/kinds/resourcequotas';
import { clusterRoleBindingsKind, roleBindingsKind } from '@/lib/k8s/kinds/rolebindings';
import { clusterRolesKind, rolesKind } from '@/lib/k8s/kinds/roles';
import { secretsKind } from '@/lib/k8s/kinds/secrets';
import { serviceAccountsKind } from '@/lib/k8s/kinds/serviceaccounts';
import { servicesKind } from '@/lib/k8s/kinds/services';
import { statefulSetsKind } from '@/lib/k8s/kinds/statefulsets';
import { storageClassesKind } from '@/lib/k8s/kinds/storageclasses';
import { tlsSecretsKind } from '@/lib/k8s/kinds/tls-secrets';

// The registry of built-in kinds (STYLE.md rule 7). Route segments and stream subscriptions name a
// kind by its id; anything not listed here is unknown (a 404), until discovery-built descriptors land.

/**
 * The registry, keyed by id (each key is its descriptor's `id`; a unit test holds them equal). Typed,
 * so a kind id is a `KindId` and the summary of its lists is `SummaryOf<id>`: callers never pick a
 * summary type by hand.
 */
const REGISTRY = {
  pods: podsKind,
  deployments: deploymentsKind,
  'tls-secrets': tlsSecretsKind,
  namespaces: namespacesKind,
  nodes: nodesKind,
  resourcequotas: resourceQuotasKind,
  limitranges: limitRangesKind,
  statefulsets: statefulSetsKind,
  daemonsets: daemonSetsKind,
  replicasets: replicaSetsKind,
  jobs: jobsKind,
  cronjobs: cronJobsKind,
  events: eventsKind,
  services: servicesKind,
  ingresses: ingressesKind,
  endpoints: endpointsKind,
  networkpolicies: networkPoliciesKind,
  horizontalpodautoscalers: horizontalPodAutoscalersKind,
  controllerrevisions: controllerRevisionsKind,
  certificates: certificatesKind,
  certificaterequests: certificateRequestsKind,
  orders: ordersKind,
  challenges: challengesKind,
  configmaps: configMapsKind,
  secrets: secretsKind,
  'helm-releases': helmReleasesKind,
  persistentvolumeclaims: persistentVolumeClaimsKind,
  persistentvolumes: persistentVolumesKind,
  storageclasses: storageClassesKind,
  poddisruptionbudgets: podDisruptionBudgetsKind,
  serviceaccounts: serviceAccountsKind,
  roles: rolesKind,
  rolebindings: roleBindingsKind,
  clusterroles: clusterRolesKind,
  clusterrolebindings: clusterRoleBindingsKind,
} as const;

export type KindId = keyof typeof REGISTRY;

/** The summary a kind's lists carry; BaseSummary for ids not known at compile time (custom resources). */
export type SummaryOf<K extends string> = K extends KindId
  ? (typeof REGISTRY)[K] extends KindDescriptor<infer S>
    ? S
    : never
  : BaseSummary;

export const KINDS: readonly KindDescriptor[] = Object.values(REGISTRY);

const BY_ID = new Map<string, KindDescriptor>(KINDS.map((k) => [k.id, k]));

export const kindIds: readonly string[] = KINDS.map((k) => k.id);

/** A built-in kind's id (custom resources' ids are not). */
export function isKindId(id: unknown): id is KindId {
  return typeof id === 'string' && BY_ID.has(id);
}

/** The descriptor for an id, or undefined for anything unknown (including non-string input). */
export function kindById(id: unknown): KindDescriptor | undefined {
  return typeof id === 'string' ? BY_ID.get(id) : undefined;
}
