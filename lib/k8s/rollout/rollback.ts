import { POD_TEMPLATE_HASH, equalIgnoreHash, jsonEqual, templateWithoutHash } from '@/lib/k8s/rollout/template';
import { CHANGE_CAUSE_ANNOTATION, type Revision } from '@/lib/k8s/rollout/history';
import type { PodTemplate, RawDeployment, RawTemplateWorkload } from '@/lib/k8s/rollout/types';

// Rollback to a chosen revision, as `kubectl rollout undo --to-revision=N` does it
// (https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/rollback.go,
// DeploymentRollbacker and StatefulSetRollbacker/DaemonSetRollbacker), plus what kubectl lacks:
// a resourceVersion precondition in the patch itself, so a concurrent change is a 409 Conflict, not
// a silent overwrite (REFERENCE.md "Rollback").

/**
 * Annotations kubectl keeps from the Deployment rather than copying from the ReplicaSet
 * (rollback.go `annotationsToSkip`): they describe the Deployment, not the revision.
 */
export const ANNOTATIONS_TO_SKIP: readonly string[] = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

export type RollbackRefusal =
  | { code: 'paused'; message: string }
  | { code: 'no-history'; message: string }
  | { code: 'revision-gone'; message: string }
  | { code: 'already-current'; message: string };

export type JsonPatchOp = { op: 'replace' | 'add' | 'test'; path: string; value: unknown };

// `next`: the number the restored template becomes. The deployment controller gives the ReplicaSet it
// re-uses max+1 (deploymentutil.SetNewReplicaSetAnnotations), the StatefulSet and DaemonSet
// controllers the ControllerRevision they re-use max+1 (history.NextRevision).
export type RollbackPlan =
  | { ok: true; kind: 'json-patch'; patch: JsonPatchOp[]; from: number; to: number; next: number }
  | { ok: true; kind: 'strategic-merge'; patch: Record<string, unknown>; from: number; to: number; next: number }
  | ({ ok: false } & RollbackRefusal);

/**
 * The Deployment's annotations after rollback: kubectl's rule (the skipped ones from the Deployment,
 * all others from the ReplicaSet) — except that annotations another tool put on the Deployment and the
 * ReplicaSet does not carry are kept, not dropped (REFERENCE.md: what kubectl lacks).
 */
export function rollbackAnnotations(
  deployment: Record<string, string> | undefined,
  replicaSet: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = { ...(deployment ?? {}) };
  // The change-cause describes a revision: it comes from the ReplicaSet or not at all.
  delete out[CHANGE_CAUSE_ANNOTATION];
  for (const [k, v] of Object.entries(replicaSet ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.includes(k)) out[k] = v;
  }
  return out;
}

function refuseCommon(history: readonly Revision[], toRevision: number): RollbackRefusal | Revision {
  if (history.length === 0) return { code: 'no-history', message: 'no rollout history found' };
  const target = history.find((r) => r.revision === toRevision);
  if (!target) {
    return {
      code: 'revision-gone',
      message: `unable to find specified revision ${toRevision} in history (it may have been pruned by revisionHistoryLimit or replaced by a newer rollback)`,
    };
  }
  return target;
}

function nextRevision(history: readonly Revision[]): number {
  return Math.max(0, ...history.map((r) => r.revision)) + 1;
}

/**
 * Whether the banner of a rollback that becomes revision `newRevision` can go: the workload's current
 * revision has reached it and its rollout is done (`rolledOut`, kubectl's rollout status read from the
 * same view as the history, so a status from before the change cannot end it early).
 */
export function rollbackRolledOut(
  newRevision: number,
  currentRevision: number | undefined,
  rolledOut: boolean | undefined,
): boolean {
  return currentRevision !== undefined && currentRevision >= newRevision && rolledOut === true;
}

/** Rollback of a Deployment: a JSON patch with the resourceVersion the user saw as precondition. */
export function planDeploymentRollback(
  deployment: RawDeployment,
  history: readonly Revision[],
  toRevision: number,
  replicaSetAnnotations: Record<string, string> | undefined,
): RollbackPlan {
  if (deployment.spec.paused) {
    return {
      ok: false,
      code: 'paused',
      message: 'you cannot roll back a paused deployment; resume it first, then try again',
    };
  }
  const target = refuseCommon(history, toRevision);
  if ('code' in target) return { ok: false, ...target };
  const from = history[0]?.revision ?? toRevision;
  if (equalIgnoreHash(target.template, deployment.spec.template)) {
    return {
      ok: false,
      code: 'already-current',
      message: `skipped rollback (current template already matches revision ${toRevision})`,
    };
  }
  const template = templateWithoutHash(target.template);
  return {
    ok: true,
    kind: 'json-patch',
    from,
    to: toRevision,
    next: nextRevision(history),
    patch: [
      // Setting resourceVersion makes the API server's update conditional: 409 when it moved on.
      { op: 'replace', path: '/metadata/resourceVersion', value: deployment.metadata.resourceVersion },
      { op: 'replace', path: '/spec/template', value: template },
      {
        op: deployment.metadata.annotations ? 'replace' : 'add',
        path: '/metadata/annotations',
        value: rollbackAnnotations(deployment.metadata.annotations, replicaSetAnnotations),
      },
    ],
  };
}

/**
 * Rollback of a StatefulSet or DaemonSet: the ControllerRevision's data is a strategic merge patch
 * replacing spec.template (kubectl applies it as is); we add metadata.resourceVersion.
 */
export function planTemplateRollback(
  workload: RawTemplateWorkload,
  history: readonly Revision[],
  toRevision: number,
): RollbackPlan {
  const target = refuseCommon(history, toRevision);
  if ('code' in target) return { ok: false, ...target };
  const from = history[0]?.revision ?? toRevision;
  if (jsonEqual(target.template, workload.spec.template)) {
    return {
      ok: false,
      code: 'already-current',
      message: `skipped rollback (current template already matches revision ${toRevision})`,
    };
  }
  return {
    ok: true,
    kind: 'strategic-merge',
    from,
    to: toRevision,
    next: nextRevision(history),
    patch: {
      metadata: { resourceVersion: workload.metadata.resourceVersion },
      spec: { template: { ...target.template, $patch: 'replace' } },
    },
  };
}

/** What the Deployment's template would become (for diff and verification). */
export function restoredTemplate(target: Revision): PodTemplate {
  return templateWithoutHash(target.template);
}

export { POD_TEMPLATE_HASH };
