import { templateImages } from '@/lib/k8s/rollout/template';
import type {
  PodTemplate,
  RawControllerRevision,
  RawDeployment,
  RawReplicaSet,
  RawTemplateWorkload,
  RevisionEntry,
} from '@/lib/k8s/rollout/types';

// Revision history the way `kubectl rollout history` reads it:
// https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/history.go
// Deployments: the ReplicaSets the Deployment controls, numbered by their
// `deployment.kubernetes.io/revision` annotation. StatefulSets and DaemonSets: the
// ControllerRevisions they control, numbered by `.revision`.

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

/** One revision with the template it would restore (server-side only; the DTO drops `template`). */
export interface Revision extends RevisionEntry {
  template: PodTemplate;
}

function controlledBy(uid: string, owners: { uid: string; controller?: boolean }[] | undefined): boolean {
  return owners?.some((o) => o.controller === true && o.uid === uid) ?? false;
}

/**
 * The revision number of a ReplicaSet as deploymentutil.Revision reads it (v1.31): 0 when the
 * annotation is missing (kubectl lists such a ReplicaSet as revision 0), undefined when unparsable.
 */
export function replicaSetRevision(rs: RawReplicaSet): number | undefined {
  const raw = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/**
 * The history of a Deployment, newest revision first. The current revision is the highest number
 * (the deployment controller gives the ReplicaSet matching the template max+1).
 */
export function deploymentHistory(deployment: RawDeployment, replicaSets: readonly RawReplicaSet[]): Revision[] {
  const rows: Revision[] = [];
  for (const rs of replicaSets) {
    if (!controlledBy(deployment.metadata.uid, rs.metadata.ownerReferences)) continue;
    const revision = replicaSetRevision(rs);
    if (revision === undefined) continue;
    rows.push({
      revision,
      source: rs.metadata.name,
      changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
      images: templateImages(rs.spec.template),
      createdAt: rs.metadata.creationTimestamp,
      current: false,
      replicas: rs.spec.replicas ?? 0,
      availableReplicas: rs.status?.availableReplicas ?? 0,
      template: rs.spec.template,
    });
  }
  return finish(rows);
}

/** The history of a StatefulSet or DaemonSet from its ControllerRevisions, newest first. */
export function controllerRevisionHistory(
  workload: RawTemplateWorkload,
  revisions: readonly RawControllerRevision[],
): Revision[] {
  const rows: Revision[] = [];
  for (const cr of revisions) {
    if (!controlledBy(workload.metadata.uid, cr.metadata.ownerReferences)) continue;
    const template = cr.data?.spec?.template;
    if (!template) continue;
    const { $patch: _replace, ...clean } = template as PodTemplate & { $patch?: string };
    rows.push({
      revision: cr.revision,
      source: cr.metadata.name,
      changeCause: cr.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
      images: templateImages(clean),
      createdAt: cr.metadata.creationTimestamp,
      current: false,
      template: clean,
    });
  }
  return finish(rows);
}

// Newest first; mark the current one; "replaced at" = creation time of the next revision's object
// when that is later (a re-used object keeps its old creation time, so this is an approximation).
function finish(rows: Revision[]): Revision[] {
  rows.sort((a, b) => b.revision - a.revision);
  rows.forEach((row, i) => {
    row.current = i === 0;
    const next = i > 0 ? rows[i - 1] : undefined;
    if (next?.createdAt && row.createdAt && next.createdAt > row.createdAt) row.replacedAt = next.createdAt;
  });
  return rows;
}

/** The DTO of a revision (no template) for the browser. */
export function toRevisionEntry({ template: _template, ...entry }: Revision): RevisionEntry {
  return entry;
}
