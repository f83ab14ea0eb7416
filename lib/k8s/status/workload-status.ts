// Rollout status of StatefulSets and DaemonSets, derived the way `kubectl rollout status` does it:
// https://github.com/kubernetes/kubectl/blob/v0.20.2/pkg/polymorphichelpers/rollout_status.go
// (StatefulSetStatusViewer.Status, DaemonSetStatusViewer.Status). kubectl refuses OnDelete
// strategies ("rollout status is only available for RollingUpdate"); a dashboard still has to say
// something, so those get the word `Manual` (addition).

export type WorkloadStatusWord = 'Complete' | 'Progressing' | 'Manual' | 'ScaledDown';

export interface WorkloadRolloutStatus {
  word: WorkloadStatusWord;
  done: boolean;
  message: string;
}

export interface StatefulSetLike {
  metadata?: { name?: string; generation?: number };
  spec?: {
    replicas?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
}

export function statefulSetRolloutStatus(sts: StatefulSetLike): WorkloadRolloutStatus {
  const s = sts.status ?? {};
  const strategy = sts.spec?.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy !== 'RollingUpdate') {
    return { word: 'Manual', done: true, message: `update strategy ${strategy}: pods change only when deleted` };
  }
  const generation = sts.metadata?.generation ?? 0;
  if (!s.observedGeneration || generation > s.observedGeneration) {
    return progressing('Waiting for statefulset spec update to be observed...');
  }
  const replicas = sts.spec?.replicas;
  const ready = s.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas)
    return progressing(`Waiting for ${replicas - ready} pods to be ready...`);
  const partition = sts.spec?.updateStrategy?.rollingUpdate?.partition;
  const updated = s.updatedReplicas ?? 0;
  if (sts.spec?.updateStrategy?.rollingUpdate) {
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return progressing(
        `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`,
      );
    }
    return done(replicas, `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  if (s.updateRevision !== s.currentRevision) {
    return progressing(
      `waiting for statefulset rolling update to complete ${updated} pods at revision ${s.updateRevision ?? ''}...`,
    );
  }
  return done(
    replicas,
    `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision ?? ''}...`,
  );
}

export interface DaemonSetLike {
  metadata?: { name?: string; generation?: number };
  spec?: { updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } } };
  status?: {
    observedGeneration?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    numberMisscheduled?: number;
  };
}

export function daemonSetRolloutStatus(ds: DaemonSetLike): WorkloadRolloutStatus {
  const name = ds.metadata?.name ?? '';
  const strategy = ds.spec?.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy !== 'RollingUpdate') {
    return { word: 'Manual', done: true, message: `update strategy ${strategy}: pods change only when deleted` };
  }
  const s = ds.status ?? {};
  if ((ds.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) {
    return progressing('Waiting for daemon set spec update to be observed...');
  }
  const desired = s.desiredNumberScheduled ?? 0;
  const updated = s.updatedNumberScheduled ?? 0;
  const available = s.numberAvailable ?? 0;
  if (updated < desired) {
    return progressing(
      `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    );
  }
  if (available < desired) {
    return progressing(
      `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`,
    );
  }
  return { word: 'Complete', done: true, message: `daemon set "${name}" successfully rolled out` };
}

function progressing(message: string): WorkloadRolloutStatus {
  return { word: 'Progressing', done: false, message };
}

function done(replicas: number | undefined, message: string): WorkloadRolloutStatus {
  return replicas === 0
    ? { word: 'ScaledDown', done: true, message: 'scaled to 0 replicas' }
    : { word: 'Complete', done: true, message };
}
