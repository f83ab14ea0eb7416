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
/** Earlier revision numbers of a ReplicaSet re-used by a rollback (deploymentutil.SetNewReplicaSetAnnotations). */
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';

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
    const reusedFrom = (rs.metadata.annotations?.[REVISION_HISTORY_ANNOTATION] ?? '')
      .split(',')
      .filter((n) => /^\d+$/.test(n.trim()))
      .map(Number);
    rows.push({
      revision,
      source: rs.metadata.name,
      ...(reusedFrom.length > 0 ? { reusedFrom } : {}),
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

// Newest first; mark the current one; when each revision was live.
function finish(rows: Revision[]): Revision[] {
  rows.sort((a, b) => b.revision - a.revision);
  rows.forEach((row, i) => (row.current = i === 0));
  return applyLiveTimes(rows);
}

const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/**
 * When each revision (newest first) was the current one. Revision numbers are handed out in the order
 * revisions begin (the controller gives the new ReplicaSet or ControllerRevision max+1), so revision
 * N was live from when it began until N+1 began. An object created for its revision began then: its
 * creationTimestamp. A rollback (`kubectl rollout undo`) instead re-uses the old object under a new
 * number and keeps its creation time: a Deployment's ReplicaSet then lists its earlier numbers in
 * `deployment.kubernetes.io/revision-history`; a StatefulSet's or DaemonSet's ControllerRevision
 * shows it by a creation time older than a lower revision's. For such a revision the start is not
 * recorded on any object; for the current one `currentStart` (the oldest pod of that revision, which
 * the rollback created) stands in when it is later than the previous revision's start.
 */
export function applyLiveTimes(rows: Revision[], currentStart?: string): Revision[] {
  let latestStart = Number.NEGATIVE_INFINITY;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    delete row.liveFrom;
    delete row.liveFromApprox;
    delete row.liveUntil;
    const created = time(row.createdAt);
    const reused = (row.reusedFrom?.length ?? 0) > 0 || created < latestStart;
    if (!reused && !Number.isNaN(created)) row.liveFrom = row.createdAt;
    else if (row.current && currentStart && time(currentStart) > latestStart) {
      row.liveFrom = currentStart;
      row.liveFromApprox = true;
    }
    if (row.liveFrom) latestStart = time(row.liveFrom);
  }
  rows.forEach((row, i) => {
    const next = i > 0 ? rows[i - 1] : undefined;
    if (next?.liveFrom) row.liveUntil = next.liveFrom;
  });
  return rows;
}

/** The creation time of the oldest of these pods (the current revision's), if any. */
export function oldestCreated(pods: readonly { metadata?: { creationTimestamp?: string } }[]): string | undefined {
  let oldest: string | undefined;
  for (const p of pods) {
    const t = p.metadata?.creationTimestamp;
    if (t && (oldest === undefined || time(t) < time(oldest))) oldest = t;
  }
  return oldest;
}

/** The DTO of a revision (no template) for the browser. */
export function toRevisionEntry({ template: _template, ...entry }: Revision): RevisionEntry {
  return entry;
}
