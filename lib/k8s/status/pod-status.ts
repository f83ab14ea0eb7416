// The STATUS and READY columns of `kubectl get pods`, ported from kubectl's printPod:
// https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/printers/internalversion/printers.go#L741

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number };
}

export interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  image?: string;
}

export interface PodLike {
  metadata: { deletionTimestamp?: string };
  spec?: { containers?: { name: string }[]; initContainers?: { name: string }[]; nodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: ContainerStatusLike[];
    initContainerStatuses?: ContainerStatusLike[];
  };
}

export interface PodStatusColumns {
  /** e.g. "Running", "CrashLoopBackOff", "Completed", "Init:0/1", "Terminating" */
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  ready: boolean;
}

function terminatedReason(t: NonNullable<ContainerState['terminated']>): string {
  if (t.reason) return t.reason;
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
}

function initStatus(pod: PodLike): string | undefined {
  const inits = pod.status?.initContainerStatuses ?? [];
  const total = pod.spec?.initContainers?.length ?? inits.length;
  for (const [i, c] of inits.entries()) {
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (t) return `Init:${terminatedReason(t)}`;
    const w = c.state?.waiting?.reason;
    if (w && w !== 'PodInitializing') return `Init:${w}`;
    return `Init:${i}/${total}`;
  }
  return undefined;
}

export function podStatus(pod: PodLike): PodStatusColumns {
  const statuses = pod.status?.containerStatuses ?? [];
  const totalContainers = pod.spec?.containers?.length ?? statuses.length;
  let restarts = 0;
  let readyContainers = 0;
  let reason = pod.status?.reason || pod.status?.phase || 'Unknown';

  for (const c of pod.status?.initContainerStatuses ?? []) restarts += c.restartCount ?? 0;
  const init = initStatus(pod);
  let hasRunning = false;
  if (init) reason = init;
  else {
    for (const c of [...statuses].reverse()) {
      restarts += c.restartCount ?? 0;
      const w = c.state?.waiting?.reason;
      const t = c.state?.terminated;
      if (w) reason = w;
      else if (t) reason = terminatedReason(t);
      else if (c.state?.running && c.ready) {
        hasRunning = true;
        readyContainers++;
      } else if (c.state?.running) hasRunning = true;
    }
    // kubectl: all containers finished with some still running → "Running" / "NotReady"
    if (reason === 'Completed' && hasRunning) {
      const readyCond = pod.status?.conditions?.find((c) => c.type === 'Ready');
      reason = readyCond?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp) reason = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return { status: reason, readyContainers, totalContainers, restarts, ready };
}
