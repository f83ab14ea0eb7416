// The few fields of Kubernetes objects the agent reads, as plain JSON (no client-node classes:
// at 10k pods, deserializing into model classes costs more than the simulation itself).

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface ResourceRequirements {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface RawContainer {
  name: string;
  image?: string;
  resources?: ResourceRequirements;
}

export type ContainerState =
  | { running: { startedAt: string } }
  | { waiting: { reason: string; message?: string } }
  | { terminated: TerminatedState };

export interface TerminatedState {
  exitCode: number;
  reason: string;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: ContainerState | Record<string, never>;
  lastState: ContainerState | Record<string, never>;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface PodStatus {
  phase?: string;
  conditions?: PodCondition[];
  hostIP?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

export interface RawPod {
  metadata: ObjectMeta;
  spec: {
    nodeName?: string;
    containers: RawContainer[];
    initContainers?: RawContainer[];
    restartPolicy?: 'Always' | 'OnFailure' | 'Never';
    priorityClassName?: string;
    hostNetwork?: boolean;
  };
  status?: PodStatus;
}

export interface RawReplicaSet {
  metadata: ObjectMeta;
}

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/** A metav1.Status, as the API returns for errors and as the agent returns from its own API. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  code: number;
}
