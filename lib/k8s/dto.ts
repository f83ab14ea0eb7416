// Plain, serializable summaries: the only shapes that cross from server/ to the browser
// (STYLE.md rule 3). No client-node classes, no Date objects, no managedFields.

import type { DeploymentStatusWord } from '@/lib/k8s/status/deployment-status';

export type KubeErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'invalid'
  | 'too-many-requests'
  | 'server-error'
  | 'timeout'
  | 'unreachable'
  | 'tls'
  | 'config'
  | 'unknown';

export interface KubeErrorSummary {
  kind: KubeErrorKind;
  /** HTTP status from the API server, when there was a response. */
  status?: number;
  /** A sentence a person can act on, e.g. "Cannot reach cluster local at https://…: connection refused". */
  message: string;
}

/** A value loaded from the cluster, or the reason it could not be. */
export type Loaded<T> = { ok: true; data: T } | { ok: false; error: KubeErrorSummary };

export interface ClusterStatus {
  name: string;
  /** API server URL from the kubeconfig; empty when the kubeconfig itself could not be read. */
  server: string;
  /** GET /version; an error here means the cluster is not usable at all. */
  version: Loaded<{ gitVersion: string; platform: string }>;
}

export interface NamespaceSummary {
  name: string;
  phase: string;
  /** ISO 8601 creation time; format it with `formatAge` relative to `fetchedAt`. */
  createdAt: string;
}

export interface DeploymentSummary {
  uid: string;
  namespace: string;
  name: string;
  /** kubectl's READY column: "<ready>/<desired>". */
  ready: string;
  desired: number;
  upToDate: number;
  available: number;
  images: string[];
  createdAt: string;
  status: DeploymentStatusWord;
  /** kubectl-rollout-status style explanation of `status`. */
  statusMessage: string;
}

export interface ClusterOverview {
  cluster: ClusterStatus;
  /** When the server read the data (ISO 8601); ages are computed relative to it. */
  fetchedAt: string;
  namespaces: Loaded<NamespaceSummary[]>;
  deployments: Loaded<DeploymentSummary[]>;
}
