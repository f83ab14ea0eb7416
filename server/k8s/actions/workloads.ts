import 'server-only';

import { kindById } from '@/lib/k8s/kinds';
import type { PodLike } from '@/lib/k8s/rollout/abort';
import type { WorkloadKind } from '@/lib/k8s/rollout/actions';
import { controllerRevisionHistory, deploymentHistory, type Revision } from '@/lib/k8s/rollout/history';
import { labelSelectorText } from '@/lib/k8s/label-selector';
import { POD_TEMPLATE_HASH } from '@/lib/k8s/rollout/template';
import type { RawControllerRevision, RawDeployment, RawReplicaSet, RawTemplateWorkload } from '@/lib/k8s/rollout/types';
import type { UserKube } from '@/server/k8s/actions/user-kube';

// Reading a workload and its history as the person (so they see exactly what RBAC lets them see).

export interface WorkloadTarget {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

/** "Deployment" for "deployments": the descriptor's kind. */
export function kindName(kind: WorkloadKind): string {
  return kindById(kind)?.kind ?? kind;
}

export function workloadPath(t: WorkloadTarget, subresource?: 'scale'): string {
  const base = `/apis/apps/v1/namespaces/${encodeURIComponent(t.namespace)}/${t.kind}/${encodeURIComponent(t.name)}`;
  return subresource ? `${base}/${subresource}` : base;
}

export type AnyWorkload = RawDeployment | RawTemplateWorkload;

export function readWorkload<T extends AnyWorkload = AnyWorkload>(kube: UserKube, t: WorkloadTarget): Promise<T> {
  return kube.request<T>({ path: workloadPath(t) });
}

/** spec.selector (matchLabels and matchExpressions) as a label selector string; lib/k8s/label-selector. */
export function selectorOf(w: AnyWorkload): string | undefined {
  return labelSelectorText(w.spec.selector) || undefined;
}

export interface WorkloadHistory {
  revisions: Revision[];
  /** Deployments: annotations of each revision's ReplicaSet (rollback copies them). */
  annotationsByRevision: Map<number, Record<string, string> | undefined>;
}

export async function readHistory(kube: UserKube, t: WorkloadTarget, w: AnyWorkload): Promise<WorkloadHistory> {
  const ns = encodeURIComponent(t.namespace);
  const labelSelector = selectorOf(w);
  if (kindById(t.kind)?.workload?.rollout === 'replicasets') {
    const list = await kube.request<{ items: RawReplicaSet[] }>({
      path: `/apis/apps/v1/namespaces/${ns}/replicasets`,
      query: { labelSelector },
    });
    const revisions = deploymentHistory(w as RawDeployment, list.items);
    const byName = new Map(list.items.map((rs) => [rs.metadata.name, rs.metadata.annotations]));
    return {
      revisions,
      annotationsByRevision: new Map(revisions.map((r) => [r.revision, byName.get(r.source)])),
    };
  }
  const list = await kube.request<{ items: RawControllerRevision[] }>({
    path: `/apis/apps/v1/namespaces/${ns}/controllerrevisions`,
    query: { labelSelector },
  });
  return {
    revisions: controllerRevisionHistory(w as RawTemplateWorkload, list.items),
    annotationsByRevision: new Map(),
  };
}

/** Pods of the Deployment's newest revision (its ReplicaSet's pod-template-hash), to spot failing ones. */
export async function readNewPods(
  kube: UserKube,
  t: WorkloadTarget,
  w: AnyWorkload,
  h: WorkloadHistory,
): Promise<PodLike[]> {
  const hash = h.revisions[0]?.template.metadata?.labels?.[POD_TEMPLATE_HASH];
  const selector = selectorOf(w);
  if (kindById(t.kind)?.workload?.rollout !== 'replicasets' || !hash || !selector) return [];
  const list = await kube.request<{ items: PodLike[] }>({
    path: `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods`,
    query: { labelSelector: `${selector},${POD_TEMPLATE_HASH}=${hash}` },
  });
  return list.items;
}
