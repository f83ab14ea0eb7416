import type { DrainPreview } from '@/lib/k8s/drain';

// Node maintenance (issue 15, item 3): the actions and the shapes shared by server and browser.

export const NODE_ACTIONS = ['cordon', 'uncordon', 'drain'] as const;
export type NodeActionName = (typeof NODE_ACTIONS)[number];

export type DrainPodState = 'pending' | 'waiting' | 'terminating' | 'evicted' | 'failed';
export type DrainJobState = 'running' | 'completed' | 'stopped' | 'failed';

export interface DrainPodProgress {
  namespace: string;
  name: string;
  order: number;
  state: DrainPodState;
  /** Why it waits (the PodDisruptionBudget's refusal) or failed, in the API server's words. */
  message?: string;
  attempts: number;
  /** When the eviction was accepted / the pod was gone (ISO 8601). */
  evictedAt?: string;
  goneAt?: string;
}

export interface DrainJobView {
  id: string;
  node: string;
  user: string;
  startedAt: string;
  finishedAt?: string;
  state: DrainJobState;
  /** The eviction API version chosen by discovery, e.g. policy/v1beta1. */
  evictionVersion: string;
  pods: DrainPodProgress[];
  /** One sentence: how it ended (also the audit record's message), or where it stands. */
  summary: string;
  stoppedBy?: string;
}

/** GET /api/k8s/<cluster>/nodes/_/<name>/drain: what the maintenance section renders. */
export interface NodeMaintenanceView {
  node: string;
  resourceVersion: string;
  unschedulable: boolean;
  permissions: { cordon: boolean; drain: boolean };
  preview: DrainPreview;
  /** The latest drain of this node on this replica, if any. */
  job?: DrainJobView;
}
