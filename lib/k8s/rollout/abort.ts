import { deploymentRolloutStatus } from '@/lib/k8s/status/deployment-status';
import type { Revision } from '@/lib/k8s/rollout/history';
import type { RawDeployment } from '@/lib/k8s/rollout/types';

// Abort = roll back to the last good revision, then pause (what Argo Rollouts' abort gives its own
// CRDs, for plain Deployments).

/** The parts of a pod that tell whether its containers fail (status of core/v1 Pod). */
export interface PodLike {
  metadata?: { creationTimestamp?: string };
  status?: {
    containerStatuses?: {
      ready?: boolean;
      restartCount?: number;
      state?: { waiting?: { reason?: string } };
    }[];
  };
}

/** Waiting reasons that mean "will not become ready by itself" (kubelet's container states). */
const FAILING_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

export function podFailing(pod: PodLike): boolean {
  return (pod.status?.containerStatuses ?? []).some(
    (c) => FAILING_REASONS.has(c.state?.waiting?.reason ?? '') || (!c.ready && (c.restartCount ?? 0) > 0),
  );
}

/**
 * A rollout is "in trouble" when the controller gave up (Progressing=False, reason
 * ProgressDeadlineExceeded, as kubectl rollout status reports it), or while it is still rolling and
 * pods of the new revision are failing (crash loop, image pull errors, restarts without becoming
 * ready) — long before the progress deadline, which defaults to 10 minutes.
 */
export function rolloutInTrouble(deployment: RawDeployment, newPods: readonly PodLike[]): boolean {
  const status = deploymentRolloutStatus(deployment);
  if (status.word === 'Stuck') return true;
  if (status.word !== 'Progressing') return false;
  return newPods.some(podFailing);
}

export type AbortTarget =
  { ok: true; revision: number; basis: 'serving' | 'previous'; explanation: string } | { ok: false; message: string };

/**
 * The last good revision, defined precisely:
 * 1. Among revisions older than the current one, the newest whose ReplicaSet is fully available
 *    right now: `availableReplicas > 0` and `availableReplicas == replicas` (spec). During a stuck
 *    rolling update the old ReplicaSet keeps serving with all its pods available (maxUnavailable
 *    protects it), so this is the revision that is demonstrably good.
 * 2. If no older ReplicaSet is serving (the bad rollout already replaced every pod), the Kubernetes
 *    API keeps no record of past availability; we fall back to the previous revision, kubectl's
 *    `rollout undo` default (`--to-revision=0`), and say so (`basis: 'previous'`).
 */
export function lastGoodRevision(history: readonly Revision[]): AbortTarget {
  const older = history.slice(1);
  if (older.length === 0) return { ok: false, message: 'no earlier revision to go back to' };
  const serving = older.find((r) => (r.availableReplicas ?? 0) > 0 && r.availableReplicas === r.replicas);
  if (serving) {
    return {
      ok: true,
      revision: serving.revision,
      basis: 'serving',
      explanation: `revision ${serving.revision} is still serving with all ${serving.availableReplicas} of its pods available`,
    };
  }
  const previous = older[0]!;
  return {
    ok: true,
    revision: previous.revision,
    basis: 'previous',
    explanation: `no earlier revision is serving now; revision ${previous.revision} is the previous one (assumed good)`,
  };
}
