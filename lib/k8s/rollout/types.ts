// Shapes shared by the rollout helpers (pure) and the actions API (DTOs that cross to the browser).
// Raw object shapes are structural subsets of apps/v1 objects as the API server returns them.

import type { LabelSelectorObject } from '@/lib/k8s/label-selector';

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: { containers?: { name?: string; image?: string }[]; [k: string]: unknown };
  [k: string]: unknown;
}

export interface RawMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { uid: string; controller?: boolean; kind?: string; name?: string }[];
}

export interface RawDeployment {
  metadata: RawMeta;
  spec: {
    replicas?: number;
    paused?: boolean;
    selector?: LabelSelectorObject;
    template: PodTemplate;
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

export interface RawReplicaSet {
  metadata: RawMeta;
  spec: { replicas?: number; template: PodTemplate };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number };
}

/** StatefulSet or DaemonSet: history lives in ControllerRevisions. */
export interface RawTemplateWorkload {
  metadata: RawMeta;
  spec: { replicas?: number; template: PodTemplate; selector?: LabelSelectorObject };
  status?: { updateRevision?: string; currentRevision?: string };
}

export interface RawControllerRevision {
  metadata: RawMeta;
  revision: number;
  /** The strategic merge patch the controller would apply: {spec: {template: {..., $patch: 'replace'}}}. */
  data?: { spec?: { template?: PodTemplate } };
}

/** One row of revision history, as the UI shows it (a DTO). */
export interface RevisionEntry {
  revision: number;
  /** ReplicaSet or ControllerRevision name. */
  source: string;
  changeCause?: string;
  images: string[];
  /** When the ReplicaSet/ControllerRevision was created (ISO 8601). */
  createdAt?: string;
  /**
   * When this became the current revision (ISO 8601). The object's creation time when it was created
   * for this revision; a ReplicaSet or ControllerRevision re-used by a rollback keeps its old creation
   * time, so then the oldest pod of the current revision (approximate, `liveFromApprox`) or unknown.
   */
  liveFrom?: string;
  liveFromApprox?: boolean;
  /** When the next revision began (its liveFrom); undefined for the current one or when unknown. */
  liveUntil?: string;
  /** Earlier numbers of the same ReplicaSet (`deployment.kubernetes.io/revision-history`): re-used by a rollback. */
  reusedFrom?: number[];
  current: boolean;
  /** Deployments: replicas of this revision's ReplicaSet right now. */
  replicas?: number;
  availableReplicas?: number;
  /** Unified diff of the pod template from the current revision to this one ('' when equal). */
  diff?: string;
}
