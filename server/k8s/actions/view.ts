import 'server-only';

import { kindById } from '@/lib/k8s/kinds';
import { workloadOffers } from '@/lib/k8s/kinds/workload-traits';
import { lastGoodRevision, rolloutInTrouble } from '@/lib/k8s/rollout/abort';
import type { WorkloadActionsView, WorkloadKind } from '@/lib/k8s/rollout/actions';
import { templateDiff } from '@/lib/k8s/rollout/diff';
import { detectGitOps, gitOpsWarning } from '@/lib/k8s/rollout/gitops';
import { applyLiveTimes, oldestCreated, toRevisionEntry } from '@/lib/k8s/rollout/history';
import type { RawDeployment } from '@/lib/k8s/rollout/types';
import { deploymentRolloutStatus } from '@/lib/k8s/status/deployment-status';
import {
  daemonSetRolloutStatus,
  statefulSetRolloutStatus,
  type DaemonSetLike,
  type StatefulSetLike,
} from '@/lib/k8s/status/workload-status';
import type { Identity } from '@/server/auth/identity';
import { serverEnv } from '@/server/env';
import { findHpaFor } from '@/server/k8s/actions/hpa';
import { workloadPermissions } from '@/server/k8s/actions/permissions';
import { kindName, readHistory, readNewPods, readWorkload, selectorOf } from '@/server/k8s/actions/workloads';
import type { UserKube } from '@/server/k8s/actions/user-kube';

// GET …/actions: everything the actions panel shows, read as the person: history with a diff of
// each revision's pod template against the current one, GitOps and HPA warnings, and which actions
// SelfSubjectAccessReview says they may take.

/** `kubectl rollout status`'s "done" for the kind's rollout view (its descriptor's trait). */
function rolledOut(kind: WorkloadKind, w: unknown): boolean {
  const rollout = kindById(kind)?.workload?.rollout;
  if (rollout === 'replicasets') return deploymentRolloutStatus(w as RawDeployment).done;
  if (rollout === 'statefulset') return statefulSetRolloutStatus(w as StatefulSetLike).done;
  return daemonSetRolloutStatus(w as DaemonSetLike).done;
}

export async function workloadActionsView(
  kube: UserKube,
  who: Identity,
  kind: WorkloadKind,
  namespace: string,
  name: string,
): Promise<WorkloadActionsView> {
  const t = { kind, namespace, name };
  const w = await readWorkload(kube, t);
  const [history, hpa] = await Promise.all([
    readHistory(kube, t, w),
    workloadOffers(kind, 'scale')
      ? findHpaFor(kube, { kind: kindName(kind), namespace, name }).catch(() => undefined)
      : undefined,
  ]);
  const permissions = await workloadPermissions(kube, who, kind, namespace, name, hpa?.name);
  const rollsOutByReplicaSets = kindById(kind)?.workload?.rollout === 'replicasets';
  const newPods = rollsOutByReplicaSets ? await readNewPods(kube, t, w, history).catch(() => []) : [];
  // A ReplicaSet re-used by a rollback: its pods say when it became current again.
  applyLiveTimes(history.revisions, oldestCreated(newPods));
  const current = history.revisions[0];
  const entries = history.revisions.map((r) => ({
    ...toRevisionEntry(r),
    diff: current ? templateDiff(w.spec.template, r.template, current.revision, r.revision) : undefined,
  }));
  const inTrouble = rollsOutByReplicaSets && rolloutInTrouble(w as RawDeployment, newPods);
  const goal = inTrouble ? lastGoodRevision(history.revisions) : undefined;
  const gitOps = detectGitOps(w.metadata.labels, w.metadata.annotations);
  return {
    kind,
    namespace,
    name,
    resourceVersion: w.metadata.resourceVersion,
    generation: w.metadata.generation,
    podSelector: selectorOf(w),
    replicas: workloadOffers(kind, 'scale') ? (w.spec.replicas ?? 1) : undefined,
    paused: workloadOffers(kind, 'pause') && (w as RawDeployment).spec.paused === true,
    rolledOut: rolledOut(kind, w),
    inTrouble,
    abortTarget: goal?.ok ? { revision: goal.revision, explanation: goal.explanation } : undefined,
    history: entries,
    gitOps,
    gitOpsWarning: gitOps ? gitOpsWarning(gitOps) : undefined,
    hpa,
    maxReplicas: serverEnv().maxReplicas,
    permissions,
  };
}
