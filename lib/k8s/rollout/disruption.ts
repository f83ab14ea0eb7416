import { pdbsCoveringPods } from '@/lib/k8s/pdb';
import { resolveFenceposts, scaledValue, type IntOrPercent } from '@/lib/k8s/status/rollout-budget';

// Disruption preview (issue 15, item 2): before a scale-down, a restart or a rollback, how many pods
// become unready at once (from the workload's strategy), which PodDisruptionBudgets cover them and
// whether this would take more than they allow now, and which Services would be left with no ready
// endpoint. Pure; the dialog feeds it the live lists the person may read.
//
// PDBs do not stop a scale-down or a rolling update (the API server enforces them on evictions only,
// e.g. `kubectl drain`): the preview warns, it does not pretend the action will be refused.

export type DisruptingAction = { kind: 'scale'; from: number; to: number } | { kind: 'rollout' };

export interface WorkloadShape {
  /** "Deployment", "StatefulSet", "DaemonSet". */
  kind: string;
  name: string;
  desired: number;
  /** Deployments: spec.strategy; StatefulSets and DaemonSets: spec.updateStrategy. */
  strategy?: { type?: string; maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent };
}

export interface PodShape {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  ready: boolean;
}

export interface PdbShape {
  namespace?: string;
  name: string;
  selector: string | null;
  /** status.disruptionsAllowed right now. */
  allowed: number;
}

export interface ServiceShape {
  name: string;
  selector: Record<string, string>;
  /** Ready endpoint addresses right now (its Endpoints object), when known. */
  readyEndpoints?: number;
}

export interface PdbImpact {
  name: string;
  allowed: number;
  /** Ready pods this action takes from the budget's pods at once. */
  takes: number;
  exceeds: boolean;
}

export interface DisruptionPreview {
  /** Ready pods that stop serving at once. */
  unreadyAtOnce: number;
  readyNow: number;
  readyDuring: number;
  pdbs: PdbImpact[];
  /** Services whose every ready endpoint would go. */
  servicesLeftEmpty: string[];
  sentence: string;
  /** Something an operator should stop and read: a budget exceeded or a Service emptied. */
  warn: boolean;
}

/** Pods a rolling update takes down at once, as each controller resolves its strategy. */
export function unavailableAtOnce(w: WorkloadShape): number {
  if (w.strategy?.type === 'Recreate' || w.strategy?.type === 'OnDelete') {
    return w.strategy.type === 'Recreate' ? w.desired : 0;
  }
  if (w.kind === 'Deployment')
    return resolveFenceposts(w.strategy?.maxSurge, w.strategy?.maxUnavailable, w.desired).maxUnavailable;
  // StatefulSets roll one pod at a time (maxUnavailable is alpha from 1.24); DaemonSets default to 1.
  const n = scaledValue(w.strategy?.maxUnavailable ?? 1, w.desired, false) ?? 1;
  return Math.max(1, n);
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function disruptionPreview(input: {
  action: DisruptingAction;
  workload: WorkloadShape;
  pods: readonly PodShape[];
  pdbs: readonly PdbShape[];
  services: readonly ServiceShape[];
}): DisruptionPreview {
  const { action, workload, pods } = input;
  const readyNow = pods.filter((p) => p.ready).length;
  const notReady = pods.length - readyNow;
  // A scale-down removes not-ready pods first (the ReplicaSet controller's ranking); a rollout
  // replaces up to its unavailability budget at once.
  const unreadyAtOnce =
    action.kind === 'scale'
      ? Math.max(0, Math.min(readyNow, action.from - action.to - notReady))
      : Math.min(readyNow, unavailableAtOnce(workload));
  const readyDuring = readyNow - unreadyAtOnce;

  // Budgets: the ready pods each covers, and how many of them this takes (worst case: all from it).
  const covering = pdbsCoveringPods(pods, input.pdbs);
  const impacts = new Map<string, PdbImpact>();
  pods.forEach((pod, i) => {
    for (const pdb of covering[i] ?? []) {
      const entry = impacts.get(pdb.name) ?? { name: pdb.name, allowed: pdb.allowed, takes: 0, exceeds: false };
      if (pod.ready) entry.takes = Math.min(entry.takes + 1, unreadyAtOnce);
      impacts.set(pdb.name, entry);
    }
  });
  const pdbs = [...impacts.values()].map((p) => ({ ...p, exceeds: p.takes > p.allowed }));

  // Services selecting these pods: left with no ready endpoint when every ready one is among those taken.
  const servicesLeftEmpty = input.services
    .filter((s) => pods.some((p) => selects(s.selector, p.labels)))
    .filter((s) => {
      const mine = pods.filter((p) => p.ready && selects(s.selector, p.labels)).length;
      const total = s.readyEndpoints ?? mine;
      const others = Math.max(0, total - mine);
      return total > 0 && others + (mine - Math.min(mine, unreadyAtOnce)) === 0;
    })
    .map((s) => s.name);

  const what =
    action.kind === 'scale'
      ? `Scaling ${workload.kind} ${workload.name} from ${action.from} to ${action.to}`
      : `Rolling ${workload.kind} ${workload.name} out again`;
  const taken = unreadyAtOnce === 0 ? 'no ready pod' : plural(unreadyAtOnce, 'ready pod');
  const parts = [`${what} takes ${taken} out of service at once (${readyNow} ready now)`];
  for (const p of pdbs.filter((x) => x.exceeds)) {
    parts.push(
      `PodDisruptionBudget ${p.name} allows ${plural(p.allowed, 'disruption')} now, so this goes past it (budgets only stop evictions, not this)`,
    );
  }
  if (servicesLeftEmpty.length) {
    parts.push(`Service ${servicesLeftEmpty.join(', ')} would have no ready endpoint`);
  }
  return {
    unreadyAtOnce,
    readyNow,
    readyDuring,
    pdbs,
    servicesLeftEmpty,
    sentence: `${parts.join('; ')}.`,
    warn: pdbs.some((p) => p.exceeds) || servicesLeftEmpty.length > 0,
  };
}
