// Which PodDisruptionBudgets cover which pods, and which workloads a budget covers. Pure, shared by
// the PDB detail page and node drain (issue 15). The disruption controller's rules
// (pkg/controller/disruption/disruption.go getPdbForPod, v1.31): a budget covers the pods of its own
// namespace that its selector matches; policy/v1 lets an empty selector match every pod there, while
// policy/v1beta1 let it match none (the summary then carries selector null).
import { matches, parseSelector } from '@/lib/k8s/label-selector';

export interface PdbLike {
  namespace?: string;
  name: string;
  /** Label selector text; null selects no pods, "" selects every pod of the namespace. */
  selector: string | null;
}

export interface PodLike {
  namespace?: string;
  labels: Record<string, string>;
}

/** The budgets that cover a pod (more than one makes the eviction API refuse, as upstream). */
export function pdbsCoveringPod<P extends PdbLike>(pod: PodLike, pdbs: readonly P[]): P[] {
  return pdbs.filter((pdb) => {
    if (pdb.selector === null || pdb.namespace !== pod.namespace) return false;
    try {
      return matches(parseSelector(pdb.selector), pod.labels);
    } catch {
      return false; // a selector the API would reject covers nothing
    }
  });
}

/** For each pod (by index), the budgets covering it: one pass to parse every selector once. */
export function pdbsCoveringPods<P extends PdbLike>(pods: readonly PodLike[], pdbs: readonly P[]): P[][] {
  const parsed = pdbs.flatMap((pdb) => {
    if (pdb.selector === null) return [];
    try {
      return [{ pdb, selector: parseSelector(pdb.selector) }];
    } catch {
      return [];
    }
  });
  return pods.map((pod) =>
    parsed.filter((p) => p.pdb.namespace === pod.namespace && matches(p.selector, pod.labels)).map((p) => p.pdb),
  );
}

export interface WorkloadRef {
  /** Kind id for links (lib/routes.ts): deployments, statefulsets… "pods" for a pod with no controller. */
  kind: string;
  /** The API kind, for the words ("Deployment"). */
  kindName: string;
  namespace?: string;
  name: string;
  pods: number;
}

const KIND_IDS: Record<string, string> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  ReplicaSet: 'replicasets',
  Job: 'jobs',
  CronJob: 'cronjobs',
  ReplicationController: 'replicationcontrollers',
};

/**
 * The workloads a set of pods belongs to: each pod's controller, and a ReplicaSet's own controller
 * (its Deployment) when the ReplicaSet is known. Pods without a controller stand for themselves.
 * Sorted by kind then name; each workload once, with how many of the pods it holds.
 */
export function workloadsOfPods(
  pods: readonly { namespace?: string; name: string; owner?: { kind: string; name: string } }[],
  replicaSets: readonly { namespace?: string; name: string; owner?: { kind: string; name: string } }[],
): WorkloadRef[] {
  const rsOwner = new Map(replicaSets.map((rs) => [`${rs.namespace ?? ''}/${rs.name}`, rs.owner]));
  const out = new Map<string, WorkloadRef>();
  for (const pod of pods) {
    let owner = pod.owner;
    if (owner?.kind === 'ReplicaSet') owner = rsOwner.get(`${pod.namespace ?? ''}/${owner.name}`) ?? owner;
    const ref = owner
      ? { kind: KIND_IDS[owner.kind] ?? owner.kind.toLowerCase(), kindName: owner.kind, name: owner.name }
      : { kind: 'pods', kindName: 'Pod', name: pod.name };
    const key = `${ref.kindName}/${pod.namespace ?? ''}/${ref.name}`;
    const seen = out.get(key);
    if (seen) seen.pods++;
    else out.set(key, { ...ref, namespace: pod.namespace, pods: 1 });
  }
  return [...out.values()].sort((a, b) =>
    a.kindName === b.kindName ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kindName < b.kindName ? -1 : 1,
  );
}
