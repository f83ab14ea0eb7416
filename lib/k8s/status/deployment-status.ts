// Rollout status of a Deployment, derived the way `kubectl rollout status` does it:
// https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/rollout_status.go
// (DeploymentStatusViewer.Status). Condition reasons come from the deployment controller:
// https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/deployment/util/deployment_util.go
//
// kubectl only answers "done or not" for a rollout; a dashboard also has to name states kubectl would
// wait on forever or call done without comment. Additions, each marked below: Paused (a paused rollout
// that has not finished; a finished one is rolled out, as kubectl says) and ScaledDown. Mirrors v1.31.
// There is no "Degraded": after a scale-up the controller keeps Progressing=NewReplicaSetAvailable, so
// a finished rollout short of available replicas cannot be told from a routine scale-up; like kubectl
// it is "waiting". An outage still reaches the Overview through its failing pods (podHealth).

/** Structural subset of apps/v1 Deployment; a client-node V1Deployment satisfies it. */
export interface DeploymentLike {
  metadata?: { name?: string; generation?: number };
  spec?: { replicas?: number; paused?: boolean };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: ReadonlyArray<{ type: string; status: string; reason?: string; message?: string }>;
  };
}

export type DeploymentStatusWord = 'Complete' | 'Progressing' | 'Stuck' | 'Paused' | 'ScaledDown';

export interface DeploymentRolloutStatus {
  word: DeploymentStatusWord;
  /** True when kubectl rollout status would exit successfully. */
  done: boolean;
  message: string;
}

/** deploymentutil.TimedOutReason: the Progressing condition's reason after progressDeadlineSeconds. */
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
/** deploymentutil.NewRSAvailableReason: set once a rollout has completed. */
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';

export function deploymentRolloutStatus(deployment: DeploymentLike): DeploymentRolloutStatus {
  const name = deployment.metadata?.name ?? '';
  const result = kubectlStatus(deployment);
  // Addition: kubectl keeps waiting on a paused, unfinished rollout; the controller will not move it.
  if (deployment.spec?.paused && !result.done && result.word === 'Progressing') {
    return { word: 'Paused', done: false, message: `deployment "${name}" is paused; resume it to continue` };
  }
  if (deployment.spec?.paused && result.done) return { ...result, message: `${result.message} (paused)` };
  return result;
}

function kubectlStatus(deployment: DeploymentLike): DeploymentRolloutStatus {
  const name = deployment.metadata?.name ?? '';
  const generation = deployment.metadata?.generation ?? 0;
  const status = deployment.status ?? {};
  const observedGeneration = status.observedGeneration ?? 0;
  const specReplicas = deployment.spec?.replicas;
  const replicas = status.replicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');

  if (generation > observedGeneration) {
    return progressingStatus('Waiting for deployment spec update to be observed...');
  }
  if (progressing?.reason === TIMED_OUT_REASON) {
    return { word: 'Stuck', done: false, message: `deployment "${name}" exceeded its progress deadline` };
  }
  if (specReplicas !== undefined && updated < specReplicas) {
    return progressingStatus(
      `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${specReplicas} new replicas have been updated...`,
    );
  }
  if (replicas > updated) {
    return progressingStatus(
      `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`,
    );
  }
  if (available < updated) {
    return progressingStatus(
      `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
    );
  }
  // Addition: a Deployment scaled to zero is "successfully rolled out" to kubectl, but runs nothing.
  if (specReplicas === 0) {
    if (replicas > 0) {
      return progressingStatus(`Scaling deployment "${name}" down: ${replicas} replicas still running...`);
    }
    return { word: 'ScaledDown', done: true, message: `deployment "${name}" is scaled to 0 replicas` };
  }
  return { word: 'Complete', done: true, message: `deployment "${name}" successfully rolled out` };
}

function progressingStatus(message: string): DeploymentRolloutStatus {
  return { word: 'Progressing', done: false, message };
}
