import type { GitOpsManager } from '@/lib/k8s/rollout/gitops';
import type { RevisionEntry } from '@/lib/k8s/rollout/types';

// The actions API's request and response shapes (DTOs shared by server and browser).

export const WORKLOAD_KINDS = ['deployments', 'statefulsets', 'daemonsets'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export const ACTIONS = ['scale', 'rollback', 'restart', 'pause', 'resume', 'abort', 'hpa-edit'] as const;
export type ActionName = (typeof ACTIONS)[number];

export type ActionErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'refused'
  | 'elevation-required'
  | 'rate-limited'
  | 'audit-unavailable'
  | 'failed';

export type ActionResult =
  | {
      ok: true;
      message: string;
      resourceVersion?: string;
      params?: Record<string, unknown>;
      /** A rollback: the revision number the restored template becomes (the controller's max+1). */
      newRevision?: number;
    }
  | { ok: false; code: ActionErrorCode; message: string };

export interface HpaRef {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  resourceVersion: string;
}

/** GET …/actions: what the actions panel needs to render. */
export interface WorkloadActionsView {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  resourceVersion: string;
  /** metadata.generation: sent back with an action so status-only updates are not conflicts. */
  generation?: number;
  /** matchLabels as "k=v,…": the panel watches these pods (live) to notice failing new pods. */
  podSelector?: string;
  replicas?: number;
  paused: boolean;
  /** kubectl rollout status says done (Complete, ScaledDown, Manual), from the object read with the history. */
  rolledOut: boolean;
  inTrouble: boolean;
  /** For abort: the revision it would return to and why. */
  abortTarget?: { revision: number; explanation: string };
  history: RevisionEntry[];
  gitOps?: GitOpsManager;
  gitOpsWarning?: string;
  hpa?: HpaRef;
  maxReplicas: number;
  permissions: Record<Exclude<ActionName, 'hpa-edit'>, boolean> & { hpaEdit: boolean };
}

/** Deployments, StatefulSets and DaemonSets get the actions panel. */
export function isActionableKind(kind: string): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}
